package dev.trawl.indexer.collection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.chunk.Passage;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.indexer.source.MetadataDate;
import dev.trawl.indexer.source.SourceDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Test fixture: a collection as Trawl wrote it before {@link MetadataDate}, when any string was
 * accepted as metadata {@code date} and indexed for filters exactly as written.
 */
public final class PreDayDateCollections {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PreDayDateCollections() {}

  /**
   * Creates the collection in {@code dir} (closed afterwards) holding one single-passage document
   * per entry of {@code rawDates}: id -> its {@code date} as written, any string; the text is
   * {@code "zebra " + id}.
   */
  public static void write(Path dir, Embedder embedder, Map<String, String> rawDates) throws IOException {
    try (DocumentCollection c = DocumentCollection.open("pre-day", dir, embedder, CollectionOptions.defaults())) {
      c.commit();
    }
    try (Directory d = FSDirectory.open(dir.resolve(DocumentCollection.LUCENE_DIR));
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(TextAnalysis.englishAnalyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      Map<String, String> data = new HashMap<>();
      w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      long seq = Long.parseLong(data.getOrDefault(IndexFields.COMMIT_SEQ, "0"));
      for (Map.Entry<String, String> e : rawDates.entrySet()) {
        String text = "zebra " + e.getKey();
        SourceDocument doc = new SourceDocument(e.getKey(), "", text, Map.of(), List.of());
        List<Document> block = LuceneDocuments.block(doc, "pre-day", List.of(new Passage(0, 0, text.length(), text)),
            embedder.embedDocuments(List.of(text)), seq++);
        String metaJson = metaJson(e.getValue());
        for (Document entry : block) {
          entry.removeFields(IndexFields.METADATA_JSON);
          entry.add(new StoredField(IndexFields.METADATA_JSON, metaJson));
          entry.add(new StringField(IndexFields.METADATA_PREFIX + MetadataDate.FIELD, e.getValue(), Field.Store.NO));
        }
        w.updateDocuments(new Term(IndexFields.DOC_ID, e.getKey()), block);
      }
      w.setLiveCommitData(Map.of(IndexFields.COMMIT_SEQ, Long.toString(seq), IndexFields.COMMIT_ID,
          UUID.randomUUID().toString()).entrySet());
      w.commit();
    }
  }

  private static String metaJson(String rawDate) {
    try {
      return JSON.writeValueAsString(Map.of(MetadataDate.FIELD, rawDate));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
