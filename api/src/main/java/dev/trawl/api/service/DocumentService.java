package dev.trawl.api.service;

import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.source.JsonlDocumentReader;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.PassageRef;
import dev.trawl.query.StoredPassage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;

/**
 * Reads and writes single documents. Every write returns only once it is durable (a Lucene
 * commit, shared between concurrent writers by {@link DurableWrites}). Reads apply the caller's
 * visibility: a document the caller may not see is reported as not found.
 *
 * <p>Blocking: call from a worker thread. Thread-safe.
 */
public final class DocumentService {
  /** Documents chunked and embedded per write batch of a bulk request. */
  static final int BULK_BATCH = 64;

  private final Catalog catalog;
  private final DurableWrites durable;

  /** A service with commits of its own; see {@link #DocumentService(Catalog, DurableWrites)}. */
  public DocumentService(Catalog catalog) {
    this(catalog, new DurableWrites());
  }

  /** @param durable shared with the process's other writers, so they share commits */
  public DocumentService(Catalog catalog, DurableWrites durable) {
    this.catalog = catalog;
    this.durable = durable;
  }

  /**
   * A stored document.
   *
   * @param passages every passage's id and offsets in {@code text}
   * @param passage the passage asked for (then {@code text} is that passage's text only), or null
   */
  public record DocumentView(String id, String title, String text, Map<String, Object> metadata, List<String> acl,
      List<PassageRef> passages, PassageRef passage) {}

  /** Result of one line of a bulk request. */
  public record LineResult(int line, String id, String status, String error) {}

  /**
   * Result of a bulk request.
   *
   * @param upserted lines written (and committed)
   * @param failed lines rejected, each with its error in {@code lines}
   */
  public record BulkResult(int upserted, int failed, List<LineResult> lines) {}

  /** The document {@code id}, or only its passage {@code passageId} when that is not null. */
  public DocumentView get(String collection, String id, String passageId, Caller caller) {
    try (CollectionSnapshot s = catalog.get(collection).snapshot()) {
      int entry = s.findDocument(id);
      if (entry < 0) {
        throw notFound(collection, id);
      }
      Document d = s.searcher().storedFields().document(entry);
      List<String> acl = new ArrayList<>();
      for (IndexableField f : d.getFields(IndexFields.ACL)) {
        acl.add(f.stringValue());
      }
      if (!caller.canSee(acl)) {
        throw notFound(collection, id);
      }
      IndexableField countField = d.getField(IndexFields.PASSAGE_COUNT);
      int count = countField == null ? 0 : countField.numericValue().intValue();
      List<PassageRef> passages = new ArrayList<>(count);
      PassageRef asked = null;
      String passageText = null;
      for (int i = 1; i <= count; i++) {
        StoredPassage p = StoredPassage.read(s, entry + i);
        passages.add(p.ref());
        if (p.ref().id().equals(passageId)) {
          asked = p.ref();
          passageText = p.text();
        }
      }
      if (passageId != null && asked == null) {
        throw new ServiceException.NotFound("passage_not_found", "document '" + id + "' has no passage '"
            + passageId + "'; its passages are " + passages.stream().map(PassageRef::id).toList());
      }
      List<String> shownAcl = acl.equals(List.of(IndexFields.PUBLIC)) ? List.of() : acl;
      return new DocumentView(id, orEmpty(d.get(IndexFields.DOC_TITLE)),
          asked != null ? passageText : orEmpty(d.get(IndexFields.BODY)),
          StoredPassage.metadata(d.get(IndexFields.METADATA_JSON)), shownAcl, passages, asked);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ServiceException.NotFound notFound(String collection, String id) {
    return new ServiceException.NotFound("document_not_found", "no document '" + id + "' in collection '"
        + collection + "' (or it is not visible to your principals)");
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Creates or replaces {@code doc}; returns once it is durable. */
  public void put(String collection, SourceDocument doc) throws IOException {
    DocumentCollection c = catalog.get(collection);
    c.upsert(List.of(doc));
    durable.await(c);
  }

  /**
   * Writes every valid line of an NDJSON body ({@code {id, title, text, metadata?, acl?}} per
   * line; blank lines skipped) and reports each line; returns once the written ones are durable.
   * Unlike the command line's file import, a bad line does not reject the others. An id on
   * several lines is an error on each of them and none of them is written, since which should
   * win is ambiguous; the other lines still are.
   */
  public BulkResult bulk(String collection, List<String> lines) throws IOException {
    DocumentCollection c = catalog.get(collection);
    List<LineResult> results = new ArrayList<>();
    List<SourceDocument> batch = new ArrayList<>();
    List<Integer> batchLines = new ArrayList<>();
    int upserted = 0;
    List<SourceDocument> parsed = new ArrayList<>();
    Map<String, List<Integer>> linesOf = new java.util.HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        parsed.add(null);
        continue;
      }
      try {
        SourceDocument doc = JsonlDocumentReader.parseLine(line);
        linesOf.computeIfAbsent(doc.id(), id -> new ArrayList<>()).add(i + 1);
        parsed.add(doc);
      } catch (IllegalArgumentException e) {
        parsed.add(null);
        results.add(new LineResult(i + 1, null, "error", e.getMessage()));
      }
    }
    for (Map.Entry<String, List<Integer>> e : linesOf.entrySet()) {
      List<Integer> at = e.getValue();
      if (at.size() > 1) {
        String message = "id '" + e.getKey() + "' appears on lines " + at.stream().map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(", ")) + " of this request; send each id once (none of "
            + "these lines was written)";
        for (int line : at) {
          parsed.set(line - 1, null);
          results.add(new LineResult(line, e.getKey(), "error", message));
        }
      }
    }
    for (int i = 0; i < lines.size(); i++) {
      SourceDocument doc = parsed.get(i);
      if (doc == null) {
        continue;
      }
      batch.add(doc);
      batchLines.add(i + 1);
      results.add(new LineResult(i + 1, doc.id(), "upserted", null));
      if (batch.size() == BULK_BATCH) {
        upserted += flush(c, batch, batchLines, results);
      }
    }
    upserted += flush(c, batch, batchLines, results);
    results.sort(java.util.Comparator.comparingInt(LineResult::line));
    int failed = (int) results.stream().filter(r -> r.status().equals("error")).count();
    if (upserted > 0) {
      durable.await(c);
    }
    return new BulkResult(upserted, failed, results);
  }

  private static int flush(DocumentCollection c, List<SourceDocument> batch, List<Integer> lines,
      List<LineResult> results) throws IOException {
    if (batch.isEmpty()) {
      return 0;
    }
    int n = batch.size();
    try {
      c.upsert(batch);
    } catch (IllegalArgumentException e) {
      for (int line : lines) {
        results.replaceAll(r -> r.line() == line ? new LineResult(line, r.id(), "error", e.getMessage()) : r);
      }
      n = 0;
    }
    batch.clear();
    lines.clear();
    return n;
  }

  /** Deletes document {@code id}; returns once the delete is durable. */
  public void delete(String collection, String id) throws IOException {
    DocumentCollection c = catalog.get(collection);
    try (CollectionSnapshot s = c.snapshot()) {
      if (s.findDocument(id) < 0) {
        throw notFound(collection, id);
      }
    }
    c.delete(id);
    durable.await(c);
  }
}
