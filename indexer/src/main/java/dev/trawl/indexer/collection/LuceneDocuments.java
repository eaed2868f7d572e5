package dev.trawl.indexer.collection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.indexer.chunk.Passage;
import dev.trawl.indexer.source.MetadataDate;
import dev.trawl.indexer.source.SourceDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/** Builds the Lucene block (document entry + passage entries) of one source document. */
final class LuceneDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LuceneDocuments() {}

  /**
   * @param passages the document's passages, in order
   * @param vectors one vector per passage
   * @param firstSeq write sequence of the first passage; passage i gets {@code firstSeq + i}
   */
  static List<Document> block(SourceDocument doc, String contentHash, List<Passage> passages,
      List<float[]> vectors, long firstSeq) {
    String metaJson = metadataJson(doc.metadata());
    List<Document> block = new ArrayList<>(passages.size() + 1);

    Document entry = new Document();
    entry.add(new StringField(IndexFields.KIND, IndexFields.KIND_DOC, Field.Store.NO));
    entry.add(new StringField(IndexFields.DOC_ID, doc.id(), Field.Store.YES));
    entry.add(new SortedDocValuesField(IndexFields.DOC_ID, new BytesRef(doc.id())));
    entry.add(new StoredField(IndexFields.DOC_TITLE, doc.title()));
    entry.add(new StoredField(IndexFields.BODY, doc.text()));
    entry.add(new StoredField(IndexFields.METADATA_JSON, metaJson));
    entry.add(new StoredField(IndexFields.CONTENT_HASH, contentHash));
    entry.add(new StoredField(IndexFields.PASSAGE_COUNT, passages.size()));
    addFilterFields(entry, doc);
    block.add(entry);

    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      String pid = IndexFields.passageId(doc.id(), p.index());
      Document d = new Document();
      d.add(new StringField(IndexFields.KIND, IndexFields.KIND_PASSAGE, Field.Store.NO));
      d.add(new StringField(IndexFields.DOC_ID, doc.id(), Field.Store.YES));
      d.add(new SortedDocValuesField(IndexFields.DOC_ID, new BytesRef(doc.id())));
      d.add(new StringField(IndexFields.PASSAGE_ID, pid, Field.Store.YES));
      d.add(new SortedDocValuesField(IndexFields.PASSAGE_ID, new BytesRef(pid)));
      d.add(new StoredField(IndexFields.PASSAGE_INDEX, p.index()));
      d.add(new StoredField(IndexFields.START, p.start()));
      d.add(new StoredField(IndexFields.END, p.end()));
      d.add(new TextField(IndexFields.TITLE, doc.title(), Field.Store.YES));
      d.add(new TextField(IndexFields.CONTENTS, doc.title().isEmpty() ? p.text() : doc.title() + "\n\n" + p.text(),
          Field.Store.NO));
      d.add(new StoredField(IndexFields.PASSAGE_TEXT, p.text()));
      d.add(new StoredField(IndexFields.METADATA_JSON, metaJson));
      d.add(new BinaryDocValuesField(IndexFields.VECTOR, VectorCodec.encode(vectors.get(i))));
      d.add(new NumericDocValuesField(IndexFields.SEQ, firstSeq + i));
      addFilterFields(d, doc);
      block.add(d);
    }
    return block;
  }

  private static void addFilterFields(Document d, SourceDocument doc) {
    if (doc.acl().isEmpty()) {
      d.add(new StringField(IndexFields.ACL, IndexFields.PUBLIC, Field.Store.YES));
    } else {
      for (String principal : doc.acl()) {
        d.add(new StringField(IndexFields.ACL, principal, Field.Store.YES));
      }
    }
    for (Map.Entry<String, Object> e : doc.metadata().entrySet()) {
      Object v = e.getValue();
      if (v instanceof Collection<?> values) {
        for (Object item : values) {
          addKeyword(d, e.getKey(), item);
        }
      } else {
        addKeyword(d, e.getKey(), v);
      }
    }
  }

  /**
   * Indexes one scalar metadata value as a keyword, as its text; {@code date} as its day
   * {@code YYYY-MM-DD} (see {@link MetadataDate}), so day filters cover a date-time's whole day.
   */
  private static void addKeyword(Document d, String key, Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      String term = key.equals(MetadataDate.FIELD) ? MetadataDate.day(value) : String.valueOf(value);
      d.add(new StringField(IndexFields.METADATA_PREFIX + key, term, Field.Store.NO));
    }
  }

  static String metadataJson(Map<String, Object> metadata) {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata is not serialisable as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
