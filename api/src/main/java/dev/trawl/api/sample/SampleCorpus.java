package dev.trawl.api.sample;

import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.ingest.BulkIndexer;
import dev.trawl.indexer.ingest.IndexingReport;
import dev.trawl.indexer.ingest.ProgressListener;
import dev.trawl.indexer.source.JsonlDocumentReader;
import dev.trawl.indexer.source.SourceDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The small corpus written for Trawl and bundled with it ({@code sample/corpus.jsonl} on the
 * classpath): engineering notes, meeting transcripts, product and policy documents, a few of
 * them ACL-restricted. Used by the first-run experience and the integration tests.
 */
public final class SampleCorpus {
  public static final String COLLECTION = "sample";
  private static final String RESOURCE = "/sample/corpus.jsonl";

  private SampleCorpus() {}

  /** The bundled documents. */
  public static List<SourceDocument> documents() {
    try (InputStream in = SampleCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the sample corpus " + RESOURCE + " is missing from the classpath");
      }
      return JsonlDocumentReader.read("sample corpus",
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the sample corpus: " + e.getMessage(), e);
    }
  }

  /** Indexes the sample corpus into {@code collection} if it is empty; returns null when it was not. */
  public static IndexingReport indexIfEmpty(DocumentCollection collection, ProgressListener progress)
      throws IOException {
    if (collection.stats().documents() > 0) {
      return null;
    }
    return new BulkIndexer().index(collection, documents(), progress);
  }
}
