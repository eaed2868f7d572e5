package dev.trawl.indexer.collection;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.chunk.ChunkingConfig;
import dev.trawl.indexer.chunk.Passage;
import dev.trawl.indexer.chunk.PassageChunker;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.indexer.vector.HnswVectorIndex;
import dev.trawl.indexer.vector.VectorIndex;
import dev.trawl.indexer.vector.VectorIndexStamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * One collection folder: {@code manifest.json}, the Lucene index ({@code lucene/}, the source
 * of truth, raw vectors included) and the derived hnswlib graph ({@code vectors.hnsw} with its
 * stamp).
 *
 * <p>Writes: {@link #upsert} chunks and embeds documents outside any lock, then replaces each
 * document's block atomically in Lucene and updates the vector index. Writes become durable at
 * {@link #commit()} and visible to new snapshots after a refresh (commit refreshes).
 * Reads: {@link #snapshot()} pins one consistent view.
 *
 * <p>Opening reconciles the vector index with the last Lucene commit: a missing, unreadable or
 * stale graph is rebuilt or caught up from the vectors stored in Lucene.
 *
 * <p>Thread-safe. One process at a time may open a folder (Lucene's write lock enforces it).
 */
public final class DocumentCollection implements AutoCloseable {
  public static final String LUCENE_DIR = "lucene";
  public static final BM25Similarity BM25 = new BM25Similarity(0.9f, 0.4f);

  private final String name;
  private final Path dir;
  private final CollectionManifest manifest;
  private final Embedder embedder;
  private final PassageChunker chunker;
  private final Analyzer analyzer;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final VectorIndex vectors;
  private final AtomicLong seq;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final WriteTimings timings = new WriteTimings();
  private volatile String lastCommitId;
  private volatile boolean vectorsDirty;

  private DocumentCollection(String name, Path dir, CollectionManifest manifest, Embedder embedder,
      Analyzer analyzer, Directory directory, IndexWriter writer, VectorIndex vectors, long seq, String commitId)
      throws IOException {
    this.name = name;
    this.dir = dir;
    this.manifest = manifest;
    this.embedder = embedder;
    this.chunker = new PassageChunker(new ChunkingConfig(manifest.maxPassageTokens(), manifest.overlapTokens()));
    this.analyzer = analyzer;
    this.directory = directory;
    this.writer = writer;
    this.vectors = vectors;
    this.seq = new AtomicLong(seq);
    this.lastCommitId = commitId;
    this.searchers = new SearcherManager(writer, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
          org.apache.lucene.index.IndexReader previous) {
        IndexSearcher s = new IndexSearcher(reader);
        s.setSimilarity(BM25);
        return s;
      }
    });
  }

  /**
   * Opens the collection in {@code dir}, creating it when the folder has no manifest.
   *
   * @throws IncompatibleCollectionException when it was built with another schema, analyzer or embedder
   */
  public static DocumentCollection open(String name, Path dir, Embedder embedder, CollectionOptions options)
      throws IOException {
    Files.createDirectories(dir);
    CollectionManifest manifest = CollectionManifest.read(dir);
    if (manifest == null) {
      if (Files.exists(dir.resolve(LUCENE_DIR))) {
        throw new IncompatibleCollectionException(dir + " has an index but no " + CollectionManifest.FILE_NAME
            + "; it was not made by this version of Trawl or was damaged. Move it away and re-index.");
      }
      manifest = CollectionManifest.create(TextAnalysis.NAME, embedder.id(), embedder.dimension(),
          options.chunking().maxTokens(), options.chunking().overlapTokens());
      manifest.write(dir);
    } else {
      manifest.requireCompatible(dir, TextAnalysis.NAME, embedder.id(), embedder.dimension());
    }
    Analyzer analyzer = TextAnalysis.englishAnalyzer();
    Directory directory = FSDirectory.open(dir.resolve(LUCENE_DIR));
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setSimilarity(BM25)
        .setRAMBufferSizeMB(options.ramBufferMb())
        .setCommitOnClose(false);
    IndexWriter writer;
    try {
      writer = new IndexWriter(directory, config);
    } catch (org.apache.lucene.store.LockObtainFailedException e) {
      directory.close();
      throw new IOException("collection '" + name + "' at " + dir
          + " is already open in another Trawl process (stop it first, e.g. the server)", e);
    }
    long seq = 0;
    String commitId = "";
    if (DirectoryReader.indexExists(directory)) {
      Map<String, String> data = new HashMap<>();
      writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      seq = Long.parseLong(data.getOrDefault(IndexFields.COMMIT_SEQ, "0"));
      commitId = data.getOrDefault(IndexFields.COMMIT_ID, "");
    } else {
      commitId = UUID.randomUUID().toString();
      writer.setLiveCommitData(Map.of(IndexFields.COMMIT_SEQ, "0", IndexFields.COMMIT_ID, commitId).entrySet());
      writer.commit();
    }
    VectorIndex vectors = reconcileVectors(dir, writer, manifest.dimension(), options.hnsw(), commitId);
    return new DocumentCollection(name, dir, manifest, embedder, analyzer, directory, writer, vectors, seq, commitId);
  }

  /** Loads the saved graph, or builds one, and brings it in line with Lucene's last commit. */
  private static VectorIndex reconcileVectors(Path dir, IndexWriter writer, int dimension,
      HnswVectorIndex.Params params, String commitId) throws IOException {
    var loaded = HnswVectorIndex.load(dir, dimension);
    if (loaded.isPresent() && loaded.get().stamp().commitId().equals(commitId)) {
      return loaded.get().index();
    }
    HnswVectorIndex index = loaded.map(HnswVectorIndex.Loaded::index)
        .orElseGet(() -> HnswVectorIndex.create(dimension, params));
    Set<String> live = new HashSet<>();
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      for (LeafReaderContext ctx : reader.leaves()) {
        LeafReader leaf = ctx.reader();
        SortedDocValues pids = leaf.getSortedDocValues(IndexFields.PASSAGE_ID);
        SortedDocValues docIds = leaf.getSortedDocValues(IndexFields.DOC_ID);
        NumericDocValues seqs = leaf.getNumericDocValues(IndexFields.SEQ);
        BinaryDocValues vecs = leaf.getBinaryDocValues(IndexFields.VECTOR);
        if (pids == null || seqs == null || vecs == null || docIds == null) {
          continue;
        }
        Bits liveDocs = leaf.getLiveDocs();
        for (int d = pids.nextDoc(); d != SortedDocValues.NO_MORE_DOCS; d = pids.nextDoc()) {
          if (liveDocs != null && !liveDocs.get(d)) {
            continue;
          }
          String pid = pids.lookupOrd(pids.ordValue()).utf8ToString();
          live.add(pid);
          if (!seqs.advanceExact(d) || !vecs.advanceExact(d) || !docIds.advanceExact(d)) {
            continue;
          }
          long version = seqs.longValue();
          if (index.version(pid) < version) {
            index.upsert(pid, docIds.lookupOrd(docIds.ordValue()).utf8ToString(),
                VectorCodec.decode(vecs.binaryValue()), version);
          }
        }
      }
    }
    List<String> stale = new ArrayList<>();
    index.forEachEntry((pid, version) -> {
      if (!live.contains(pid)) {
        stale.add(pid);
      }
    });
    stale.forEach(index::remove);
    index.save(dir, new VectorIndexStamp(commitId, 0));
    return index;
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public CollectionManifest manifest() {
    return manifest;
  }

  public Embedder embedder() {
    return embedder;
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  public PassageChunker chunker() {
    return chunker;
  }

  public WriteTimings timings() {
    return timings;
  }

  /** A document chunked and embedded, ready to be written. */
  public record PreparedDocument(SourceDocument source, String contentHash, List<Passage> passages,
      List<float[]> vectors) {}

  /**
   * Chunks and embeds documents (the expensive, lock-free part of a write). Passage texts of
   * all documents are embedded in one batch.
   */
  public List<PreparedDocument> prepare(List<SourceDocument> docs) {
    long t0 = System.nanoTime();
    List<List<Passage>> chunked = new ArrayList<>(docs.size());
    List<String> texts = new ArrayList<>();
    for (SourceDocument doc : docs) {
      List<Passage> passages = chunker.chunk(doc.text());
      if (passages.isEmpty()) {
        // A title-only document still gets one (empty-text) passage so it can be found.
        passages = List.of(new Passage(0, 0, 0, ""));
      }
      chunked.add(passages);
      for (Passage p : passages) {
        texts.add(embeddingText(doc.title(), p.text()));
      }
    }
    long t1 = System.nanoTime();
    List<float[]> all = texts.isEmpty() ? List.of() : embedder.embedDocuments(texts);
    long t2 = System.nanoTime();
    timings.chunkNanos.add(t1 - t0);
    timings.embedNanos.add(t2 - t1);
    List<PreparedDocument> out = new ArrayList<>(docs.size());
    int at = 0;
    for (int i = 0; i < docs.size(); i++) {
      List<Passage> passages = chunked.get(i);
      out.add(new PreparedDocument(docs.get(i), contentHash(docs.get(i)), passages,
          all.subList(at, at + passages.size())));
      at += passages.size();
    }
    return out;
  }

  /** The text embedded for a passage: title and passage, as BEIR dense baselines do. */
  public static String embeddingText(String title, String passage) {
    if (title.isBlank()) {
      return passage;
    }
    return passage.isBlank() ? title : title + "\n" + passage;
  }

  /** Chunks, embeds and writes {@code docs} (replacing documents with the same ids). Not yet durable. */
  public void upsert(List<SourceDocument> docs) throws IOException {
    write(prepare(docs));
  }

  /** Writes prepared documents, replacing documents with the same ids. Not yet durable: call {@link #commit()}. */
  public void write(List<PreparedDocument> prepared) throws IOException {
    writeLock.lock();
    try {
      for (PreparedDocument p : prepared) {
        long first = seq.getAndAdd(p.passages().size());
        long t0 = System.nanoTime();
        List<Document> block = LuceneDocuments.block(p.source(), p.contentHash(), p.passages(), p.vectors(), first);
        writer.updateDocuments(new Term(IndexFields.DOC_ID, p.source().id()), block);
        long t1 = System.nanoTime();
        String docId = p.source().id();
        for (int i = 0; i < p.passages().size(); i++) {
          vectors.upsert(IndexFields.passageId(docId, p.passages().get(i).index()), docId, p.vectors().get(i),
              first + i);
        }
        removeVectorsFrom(docId, p.passages().size());
        timings.luceneNanos.add(t1 - t0);
        timings.graphNanos.add(System.nanoTime() - t1);
        timings.passages.add(p.passages().size());
      }
      vectorsDirty = true;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Writes {@code prepared} and deletes every other document whose metadata has all the
   * {@code group} values, so the group ends up holding exactly the prepared documents (for
   * example all chunks of one meeting, when a shorter version replaces a longer one). Both happen
   * under the write lock, so no {@link #commit()} can fall between them. Not yet durable: call
   * {@link #commit()}.
   *
   * @param group metadata field -> value that every member of the group has (scalar values, as
   *     indexed for filters); must not be empty
   * @return ids of the documents deleted (members of the group not among {@code prepared})
   */
  public List<String> replaceGroup(Map<String, String> group, List<PreparedDocument> prepared) throws IOException {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("a group needs at least one metadata field");
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    q.add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DOC)), BooleanClause.Occur.FILTER);
    group.forEach((field, value) -> q.add(new TermQuery(new Term(IndexFields.METADATA_PREFIX + field, value)),
        BooleanClause.Occur.FILTER));
    Set<String> keep = new HashSet<>();
    for (PreparedDocument p : prepared) {
      keep.add(p.source().id());
    }
    writeLock.lock();
    try {
      // Every write so far went through this lock, so a refresh here sees all of them.
      searchers.maybeRefreshBlocking();
      List<String> stale = new ArrayList<>();
      IndexSearcher s = searchers.acquire();
      try {
        var stored = s.storedFields();
        BooleanQuery members = q.build();
        for (var sd : s.search(members, Math.max(1, s.count(members))).scoreDocs) {
          String id = stored.document(sd.doc, Set.of(IndexFields.DOC_ID)).get(IndexFields.DOC_ID);
          if (id != null && !keep.contains(id)) {
            stale.add(id);
          }
        }
      } finally {
        searchers.release(s);
      }
      for (String id : stale) {
        writer.deleteDocuments(new Term(IndexFields.DOC_ID, id));
        removeVectorsFrom(id, 0);
      }
      write(prepared);
      vectorsDirty = true;
      return stale;
    } finally {
      writeLock.unlock();
    }
  }

  /** Passage ids of a document are contiguous from 0: drop the vector entries from {@code from} on. */
  private void removeVectorsFrom(String docId, int from) {
    for (int i = from; ; i++) {
      String pid = IndexFields.passageId(docId, i);
      if (vectors.version(pid) < 0) {
        return;
      }
      vectors.remove(pid);
    }
  }

  /** Deletes a document and its passages. Not yet durable: call {@link #commit()}. */
  public void delete(String docId) throws IOException {
    writeLock.lock();
    try {
      writer.deleteDocuments(new Term(IndexFields.DOC_ID, docId));
      removeVectorsFrom(docId, 0);
      vectorsDirty = true;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Makes every write so far durable (fsync'd Lucene commit) and visible to new snapshots.
   * The vector graph is not saved here (see {@link #saveVectors()}); it is caught up from
   * Lucene after a crash.
   */
  public void commit() throws IOException {
    long t0 = System.nanoTime();
    writeLock.lock();
    try {
      String id = UUID.randomUUID().toString();
      writer.setLiveCommitData(Map.of(IndexFields.COMMIT_SEQ, Long.toString(seq.get()), IndexFields.COMMIT_ID, id)
          .entrySet());
      writer.commit();
      lastCommitId = id;
    } finally {
      writeLock.unlock();
    }
    searchers.maybeRefreshBlocking();
    timings.commitNanos.add(System.nanoTime() - t0);
  }

  /** Makes uncommitted writes visible to new snapshots without making them durable. */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Commits, then saves the vector graph stamped with that commit so the next open needs no catch-up. */
  public void commitAndSaveVectors() throws IOException {
    writeLock.lock();
    try {
      commit();
      saveVectors();
    } finally {
      writeLock.unlock();
    }
  }

  private void saveVectors() throws IOException {
    if (vectorsDirty || !Files.exists(dir.resolve(HnswVectorIndex.STAMP_FILE_NAME))) {
      vectors.save(dir, new VectorIndexStamp(lastCommitId, seq.get()));
      vectorsDirty = false;
    }
  }

  /** Pins a consistent view for reading; close it when done. */
  public CollectionSnapshot snapshot() {
    try {
      return new CollectionSnapshot(name, searchers.acquire(), vectors, searchers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts and sizes, as of a fresh snapshot. */
  public CollectionStats stats() throws IOException {
    try (CollectionSnapshot s = snapshot()) {
      IndexSearcher searcher = s.searcher();
      int docs = searcher.count(new org.apache.lucene.search.TermQuery(
          new Term(IndexFields.KIND, IndexFields.KIND_DOC)));
      int passages = searcher.count(new org.apache.lucene.search.TermQuery(
          new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)));
      return new CollectionStats(name, docs, passages, vectors.size(), sizeOnDisk(dir));
    }
  }

  private static long sizeOnDisk(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0L;
        }
      }).sum();
    }
  }

  /** SHA-256 over title, text, metadata and ACL: equal hashes mean an unchanged document. */
  static String contentHash(SourceDocument doc) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(doc.title(), doc.text(), LuceneDocuments.metadataJson(doc.metadata()),
          String.join("\u0000", doc.acl()))) {
        md.update(part.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rolls back uncommitted writes, saves the vector graph if it matches the last commit, and releases the folder. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (writer.hasUncommittedChanges()) {
        // Uncommitted writes are dropped, so the in-memory graph may hold vectors Lucene
        // does not: don't save it; the next open catches up from Lucene.
        writer.rollback();
      } else {
        saveVectors();
        writer.close();
      }
      searchers.close();
      vectors.close();
      directory.close();
    } finally {
      writeLock.unlock();
    }
  }
}
