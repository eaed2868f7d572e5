package dev.trawl.api.http;

import dev.trawl.api.http.WireTypes.CollectionView;
import dev.trawl.api.http.WireTypes.ContextResponse;
import dev.trawl.api.http.WireTypes.ContextTurn;
import dev.trawl.api.http.WireTypes.Group;
import dev.trawl.api.http.WireTypes.GroupedMultiSearchResponse;
import dev.trawl.api.http.WireTypes.GroupedSearchResponse;
import dev.trawl.api.http.WireTypes.TranscriptIngestResponse;
import dev.trawl.api.http.WireTypes.TranscriptView;
import dev.trawl.api.http.WireTypes.DocumentResponse;
import dev.trawl.api.http.WireTypes.Hit;
import dev.trawl.api.http.WireTypes.MultiHit;
import dev.trawl.api.http.WireTypes.MultiSearchResponse;
import dev.trawl.api.http.WireTypes.PassageDetail;
import dev.trawl.api.http.WireTypes.PassageView;
import dev.trawl.api.http.WireTypes.PerQuery;
import dev.trawl.api.http.WireTypes.Retrievers;
import dev.trawl.api.http.WireTypes.SearchResponse;
import dev.trawl.api.service.DocumentService.DocumentView;
import dev.trawl.api.service.SearchService.GroupedPage;
import dev.trawl.api.service.SearchService.MultiSearchPage;
import dev.trawl.api.service.SearchService.SearchPage;
import dev.trawl.api.transcript.TranscriptService;
import dev.trawl.indexer.collection.CollectionStats;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.query.PassageRef;
import dev.trawl.query.SearchHit;
import dev.trawl.query.fanout.MultiSearchHit;
import dev.trawl.query.fanout.QueryReport;
import dev.trawl.query.group.GroupedResult;
import dev.trawl.query.transcript.StoredChunk;
import dev.trawl.query.transcript.TranscriptContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Maps service results to wire records. */
public final class ResponseMapping {
  private ResponseMapping() {}

  public static SearchResponse search(SearchPage p, double tookMs) {
    List<Hit> hits = new ArrayList<>(p.hits().size());
    for (SearchHit h : p.hits()) {
      hits.add(hit(h));
    }
    return new SearchResponse(hits, p.total(), p.offset(), p.cursor(), orNull(p.notices()), round(tookMs));
  }

  static Hit hit(SearchHit h) {
    return new Hit(h.docId(), h.score(), h.rank(), h.title(), h.snippet(), passage(h.passage()),
        hitMetadata(h.metadata()), transcript(h.metadata()), new Retrievers(h.lexical(), h.vector()), h.features());
  }

  static MultiHit multiHit(MultiSearchHit h) {
    return new MultiHit(h.docId(), h.score(), h.rank(), h.title(), h.snippet(), passage(h.passage()),
        hitMetadata(h.metadata()), transcript(h.metadata()), h.matched());
  }

  /**
   * A hit's metadata as shown in results. For a transcript chunk, only {@code type} and {@code
   * chunk}: its meeting, times and speakers are in the hit's {@code transcript} object, and the
   * bookkeeping fields (per-line turn indices and times, speaker match keys) cost an agent's
   * context tokens without telling it anything; a document fetch still returns all of them.
   */
  static Map<String, Object> hitMetadata(Map<String, Object> metadata) {
    if (metadata == null || !StoredChunk.isTranscript(metadata)) {
      return metadata;
    }
    Map<String, Object> shown = new java.util.LinkedHashMap<>();
    shown.put(TranscriptFields.TYPE, metadata.get(TranscriptFields.TYPE));
    if (metadata.containsKey(TranscriptFields.CHUNK)) {
      shown.put(TranscriptFields.CHUNK, metadata.get(TranscriptFields.CHUNK));
    }
    return shown;
  }

  /** The meeting of a transcript chunk's hit, or null for any other document. */
  static TranscriptView transcript(Map<String, Object> metadata) {
    if (metadata == null || !StoredChunk.isTranscript(metadata)) {
      return null;
    }
    List<String> speakers = new ArrayList<>();
    if (metadata.get(TranscriptFields.SPEAKERS) instanceof List<?> list) {
      list.forEach(x -> speakers.add(String.valueOf(x)));
    }
    return new TranscriptView(String.valueOf(metadata.get(TranscriptFields.MEETING_ID)),
        (String) metadata.getOrDefault(TranscriptFields.TITLE, ""), (String) metadata.get(TranscriptFields.DATE),
        seconds(metadata.get(TranscriptFields.START)), seconds(metadata.get(TranscriptFields.END)), speakers);
  }

  private static Double seconds(Object v) {
    return v instanceof Number n ? n.doubleValue() : null;
  }

  public static GroupedSearchResponse groupedSearch(GroupedPage<SearchHit> p, double tookMs) {
    GroupedResult<SearchHit> r = p.result();
    return new GroupedSearchResponse(groups(r, ResponseMapping::hit), r.candidates(), r.offset(), p.cursor(),
        orNull(p.notices()), round(tookMs));
  }

  public static GroupedMultiSearchResponse groupedMultiSearch(GroupedPage<MultiSearchHit> p, double tookMs) {
    GroupedResult<MultiSearchHit> r = p.result();
    return new GroupedMultiSearchResponse(groups(r, ResponseMapping::multiHit), r.candidates(), r.offset(),
        p.cursor(), orNull(p.notices()), round(tookMs));
  }

  private static <H, W> List<Group<W>> groups(GroupedResult<H> r, Function<H, W> map) {
    return r.groups().stream().map(g -> new Group<>(g.key(), g.rank(), g.score(),
        g.hits().stream().map(map).toList())).toList();
  }

  public static TranscriptIngestResponse ingest(TranscriptService.IngestResult r, double tookMs) {
    return new TranscriptIngestResponse(r.collection(), r.meetingId(), r.format(), r.turns(), r.droppedTurns(),
        r.chunks(), r.chunkIds(), r.removedChunks(), r.words(), true, round(tookMs));
  }

  public static ContextResponse context(TranscriptContext.Window w, double tookMs) {
    List<ContextTurn> turns = w.turns().stream().map(t -> new ContextTurn(t.index(), t.speaker(), t.start(), t.end(),
        t.text(), t.inChunk(), new StoredChunk.Line(t.index(), t.speaker(), t.start(), t.end(), t.text(), 0, 0)
            .displayPrefix() + t.text())).toList();
    return new ContextResponse(w.chunkId(), w.meetingId(), w.title(), w.date(), w.moreBefore(), w.moreAfter(), turns);
  }

  public static MultiSearchResponse multiSearch(MultiSearchPage p, double tookMs) {
    var r = p.result();
    List<MultiHit> hits = new ArrayList<>(r.results().size());
    for (MultiSearchHit h : r.results()) {
      hits.add(multiHit(h));
    }
    Set<Integer> timedOut = new HashSet<>(p.timedOut());
    List<PerQuery> perQuery = new ArrayList<>(r.perQuery().size());
    for (QueryReport q : r.perQuery()) {
      perQuery.add(new PerQuery(q.queryIndex(), q.hits(), q.newDocuments(),
          timedOut.contains(q.queryIndex()) ? Boolean.TRUE : null));
    }
    return new MultiSearchResponse(hits, perQuery, r.total(), r.offset(), p.cursor(), p.partial(), r.snippetTokens(),
        r.budgetExhausted(), orNull(p.notices()), round(tookMs));
  }

  /** Empty lists are left out of responses. */
  private static <T> List<T> orNull(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  public static PassageView passage(PassageRef ref) {
    return ref == null ? null : new PassageView(ref.id(), ref.start(), ref.end());
  }

  public static DocumentResponse document(DocumentView d) {
    List<PassageDetail> passages = d.passages().stream().map(ResponseMapping::detail).toList();
    return new DocumentResponse(d.id(), d.title(), d.text(), d.metadata(), d.acl(), passages,
        d.passage() == null ? null : detail(d.passage()));
  }

  private static PassageDetail detail(PassageRef r) {
    return new PassageDetail(r.id(), r.index(), r.start(), r.end());
  }

  public static CollectionView collection(CollectionStats s) {
    return new CollectionView(s.name(), s.documents(), s.passages(), s.bytesOnDisk());
  }

  static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
