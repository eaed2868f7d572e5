package dev.trawl.indexer.collection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * {@code manifest.json} of a collection folder: what the index was built with. A collection
 * can only be opened by a process whose schema, analysis and embedder match.
 *
 * @param schemaVersion {@link IndexFields#SCHEMA_VERSION} at creation
 * @param analyzer {@link dev.trawl.indexer.analysis.TextAnalysis#NAME} at creation
 * @param embedder {@link dev.trawl.indexer.embed.Embedder#id()} of the vectors in the index
 * @param dimension vector dimension
 * @param maxPassageTokens chunking budget used for passages
 * @param overlapTokens chunking overlap used for passages
 * @param createdAt ISO-8601 instant of creation
 */
public record CollectionManifest(
    int schemaVersion,
    String analyzer,
    String embedder,
    int dimension,
    int maxPassageTokens,
    int overlapTokens,
    String createdAt) {

  public static final String FILE_NAME = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static CollectionManifest create(String analyzer, String embedder, int dimension, int maxTokens, int overlap) {
    return new CollectionManifest(IndexFields.SCHEMA_VERSION, analyzer, embedder, dimension, maxTokens, overlap,
        Instant.now().toString());
  }

  /** Reads the manifest of {@code dir}, or returns null when there is none. */
  public static CollectionManifest read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), CollectionManifest.class);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + " (" + e.getMessage()
          + "); the collection's manifest is damaged", e);
    }
  }

  /** Writes the manifest atomically (temp file, fsync, rename). */
  public void write(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    byte[] bytes = JSON.writeValueAsBytes(this);
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    try {
      Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Checks that this (stored) manifest is compatible with what the running process uses.
   *
   * @throws IncompatibleCollectionException saying what differs and what to do
   */
  public void requireCompatible(Path dir, String runningAnalyzer, String runningEmbedder, int runningDimension) {
    if (schemaVersion != IndexFields.SCHEMA_VERSION) {
      throw new IncompatibleCollectionException(dir + " was built with index schema " + schemaVersion
          + " but this Trawl uses schema " + IndexFields.SCHEMA_VERSION
          + "; re-index the documents into a new collection");
    }
    if (!analyzer.equals(runningAnalyzer)) {
      throw new IncompatibleCollectionException(dir + " was built with analyzer '" + analyzer
          + "' but this Trawl uses '" + runningAnalyzer + "'; re-index the documents into a new collection");
    }
    if (!embedder.equals(runningEmbedder) || dimension != runningDimension) {
      throw new IncompatibleCollectionException(dir + " was built with embedder '" + embedder + "' (dimension "
          + dimension + ") but this process uses '" + runningEmbedder + "' (dimension " + runningDimension
          + "); open it with the same embedder or re-index into a new collection");
    }
  }
}
