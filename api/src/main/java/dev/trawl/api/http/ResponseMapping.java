package dev.trawl.api.http;

import dev.trawl.api.http.WireTypes.CollectionView;
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
import dev.trawl.api.service.SearchService.MultiSearchPage;
import dev.trawl.api.service.SearchService.SearchPage;
import dev.trawl.indexer.collection.CollectionStats;
import dev.trawl.query.PassageRef;
import dev.trawl.query.SearchHit;
import dev.trawl.query.fanout.MultiSearchHit;
import dev.trawl.query.fanout.QueryReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Maps service results to wire records. */
public final class ResponseMapping {
  private ResponseMapping() {}

  public static SearchResponse search(SearchPage p, double tookMs) {
    List<Hit> hits = new ArrayList<>(p.hits().size());
    for (SearchHit h : p.hits()) {
      hits.add(new Hit(h.docId(), h.score(), h.rank(), h.title(), h.snippet(), passage(h.passage()), h.metadata(),
          new Retrievers(h.lexical(), h.vector()), h.features()));
    }
    return new SearchResponse(hits, p.total(), p.offset(), p.cursor(), round(tookMs));
  }

  public static MultiSearchResponse multiSearch(MultiSearchPage p, double tookMs) {
    var r = p.result();
    List<MultiHit> hits = new ArrayList<>(r.results().size());
    for (MultiSearchHit h : r.results()) {
      hits.add(new MultiHit(h.docId(), h.score(), h.rank(), h.title(), h.snippet(), passage(h.passage()),
          h.metadata(), h.matched()));
    }
    Set<Integer> timedOut = new HashSet<>(p.timedOut());
    List<PerQuery> perQuery = new ArrayList<>(r.perQuery().size());
    for (QueryReport q : r.perQuery()) {
      perQuery.add(new PerQuery(q.queryIndex(), q.hits(), q.newDocuments(),
          timedOut.contains(q.queryIndex()) ? Boolean.TRUE : null));
    }
    return new MultiSearchResponse(hits, perQuery, r.total(), r.offset(), p.cursor(), p.partial(), r.snippetTokens(),
        r.budgetExhausted(), round(tookMs));
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
