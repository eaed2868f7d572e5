package dev.trawl.query.filter;

import dev.trawl.indexer.collection.IndexFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Restricts which passages a search may return: metadata equality (a field must equal one of
 * the listed values; all fields must match) and visibility (the caller's principals must
 * intersect the document's ACL, or the document is public).
 *
 * @param metadata field name -> accepted values (any of)
 * @param principals the caller's principals, or {@code null} for an unrestricted (trusted) caller
 */
public record SearchFilter(Map<String, List<String>> metadata, Set<String> principals) {
  public static final SearchFilter NONE = new SearchFilter(Map.of(), null);

  public SearchFilter {
    metadata = metadata == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(metadata));
    principals = principals == null ? null : Set.copyOf(principals);
  }

  /** True when every passage passes. */
  public boolean isEmpty() {
    return metadata.isEmpty() && principals == null;
  }

  public SearchFilter withPrincipals(Set<String> callerPrincipals) {
    return new SearchFilter(metadata, callerPrincipals);
  }

  /** Merges two filters: metadata of both (this one wins on the same field), principals of {@code other} if set. */
  public SearchFilter and(SearchFilter other) {
    Map<String, List<String>> m = new LinkedHashMap<>(other.metadata);
    m.putAll(metadata);
    return new SearchFilter(m, other.principals != null ? other.principals : principals);
  }

  /** A Lucene query matching the passages (kind=passage) that pass this filter. */
  public Query passageQuery() {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), BooleanClause.Occur.FILTER);
    addClauses(b);
    return b.build();
  }

  /** Adds this filter's FILTER clauses to {@code b}. */
  public void addClauses(BooleanQuery.Builder b) {
    for (Map.Entry<String, List<String>> e : metadata.entrySet()) {
      b.add(anyOf(IndexFields.METADATA_PREFIX + e.getKey(), e.getValue()), BooleanClause.Occur.FILTER);
    }
    if (principals != null) {
      List<String> visible = new ArrayList<>(principals);
      visible.add(IndexFields.PUBLIC);
      b.add(anyOf(IndexFields.ACL, visible), BooleanClause.Occur.FILTER);
    }
  }

  private static Query anyOf(String field, List<String> values) {
    if (values.size() == 1) {
      return new TermQuery(new Term(field, values.get(0)));
    }
    List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
    return new TermInSetQuery(field, terms);
  }
}
