package dev.trawl.indexer.collection;

/**
 * Names of the Lucene fields of a collection: the schema, versioned by {@link #SCHEMA_VERSION}.
 *
 * <p>Each source document becomes one <em>document entry</em> ({@code kind=doc}: full text,
 * title, metadata, ACL; nothing searchable by BM25) followed by its <em>passage entries</em>
 * ({@code kind=passage}: the searchable units with their vectors), written as one block so an
 * upsert replaces both atomically.
 */
public final class IndexFields {
  /** Bump when field layout or semantics change; a collection with another version is refused. */
  public static final int SCHEMA_VERSION = 1;

  /** "doc" or "passage" (StringField). */
  public static final String KIND = "kind";
  public static final String KIND_DOC = "doc";
  public static final String KIND_PASSAGE = "passage";

  /** Parent document id (StringField, stored, sorted doc values) on both kinds. */
  public static final String DOC_ID = "doc_id";
  /** Passage id {@code <doc_id>#<index>} (StringField, stored, sorted doc values). */
  public static final String PASSAGE_ID = "pid";
  /** Passage index within its document (stored int). */
  public static final String PASSAGE_INDEX = "pidx";
  /** Character offsets of a passage in its document's text (stored ints). */
  public static final String START = "start";
  public static final String END = "end";

  /** Title: analyzed for the title BM25 feature, stored for display. */
  public static final String TITLE = "title";
  /** BM25 field of a passage: title + passage text, analyzed, not stored. */
  public static final String CONTENTS = "contents";
  /** Title on the document entry (stored only; Lucene requires one schema per field name). */
  public static final String DOC_TITLE = "doc_title";
  /** Passage text (stored only). */
  public static final String PASSAGE_TEXT = "ptext";
  /** Full document text (stored only, on the document entry). */
  public static final String BODY = "body";
  /** Metadata as a JSON object (stored only). */
  public static final String METADATA_JSON = "meta_json";
  /**
   * Prefix of keyword fields made from scalar metadata values, for filters: the value's text,
   * except {@code date}, which holds the day {@code YYYY-MM-DD} of the value
   * ({@link dev.trawl.indexer.source.MetadataDate}). That rule came without a schema change: a
   * plain ISO date indexes as before; a collection written earlier may still hold other date
   * values as written, which day filters do not match until the document is written again.
   */
  public static final String METADATA_PREFIX = "meta.";
  /** ACL principals (StringField, multi-valued); the special principal {@link #PUBLIC} means everyone. */
  public static final String ACL = "acl";
  public static final String PUBLIC = "*";
  /** SHA-256 of the document's content, to skip unchanged re-uploads (stored, doc entry). */
  public static final String CONTENT_HASH = "content_hash";
  /** Number of passages of a document (stored int on the doc entry). */
  public static final String PASSAGE_COUNT = "passages";

  /** Raw embedding of a passage, little-endian float32 (binary doc values). Lucene is the source of truth. */
  public static final String VECTOR = "vec";
  /** Monotonic write sequence of a passage (numeric doc values), the version the vector index tracks. */
  public static final String SEQ = "seq";

  /** Commit user-data keys. */
  public static final String COMMIT_SEQ = "trawl.seq";
  public static final String COMMIT_ID = "trawl.commit";

  private IndexFields() {}

  /** The passage id of passage {@code index} of document {@code docId}. */
  public static String passageId(String docId, int index) {
    return docId + "#" + index;
  }
}
