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
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Restricts which passages a search may return: metadata equality (a field must equal one of
 * the listed values; all fields must match), metadata ranges (a field must have a value within
 * bounds, compared as strings, which orders ISO dates such as {@code 2026-03-04} correctly) and
 * visibility (the caller's principals must intersect the document's ACL, or the document is
 * public).
 *
 * @param metadata field name -> accepted values (any of)
 * @param principals the caller's principals, or {@code null} for an unrestricted (trusted) caller
 * @param ranges field name -> inclusive bounds on its value; a document without the field fails
 */
public record SearchFilter(Map<String, List<String>> metadata, Set<String> principals, Map<String, Range> ranges) {
  public static final SearchFilter NONE = new SearchFilter(Map.of(), null, Map.of());

  /**
   * Inclusive bounds on a metadata value, compared as strings (code point order).
   *
   * @param from lowest accepted value, or null for no lower bound
   * @param to highest accepted value, or null for no upper bound
   */
  public record Range(String from, String to) {
    public Range {
      if (from == null && to == null) {
        throw new IllegalArgumentException("a range needs a lower bound, an upper bound or both");
      }
    }

    /** The range both this and {@code other} accept. */
    Range intersect(Range other) {
      String f = from == null ? other.from : other.from == null || from.compareTo(other.from) >= 0 ? from : other.from;
      String t = to == null ? other.to : other.to == null || to.compareTo(other.to) <= 0 ? to : other.to;
      return new Range(f, t);
    }
  }

  public SearchFilter {
    metadata = metadata == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(metadata));
    principals = principals == null ? null : Set.copyOf(principals);
    ranges = ranges == null ? Map.of() : Map.copyOf(ranges);
  }

  /** Equality filters and visibility, no ranges (the form before ranges existed). */
  public SearchFilter(Map<String, List<String>> metadata, Set<String> principals) {
    this(metadata, principals, Map.of());
  }

  /** True when every passage passes. */
  public boolean isEmpty() {
    return metadata.isEmpty() && principals == null && ranges.isEmpty();
  }

  public SearchFilter withPrincipals(Set<String> callerPrincipals) {
    return new SearchFilter(metadata, callerPrincipals, ranges);
  }

  /** This filter with {@code field} required to equal one of {@code values} (replacing a previous condition on it). */
  public SearchFilter withMetadata(String field, List<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("filter on '" + field + "' needs at least one value");
    }
    Map<String, List<String>> m = new LinkedHashMap<>(metadata);
    m.put(field, List.copyOf(values));
    return new SearchFilter(m, principals, ranges);
  }

  /** This filter with {@code field} also required to lie within {@code range}. */
  public SearchFilter withRange(String field, Range range) {
    Map<String, Range> r = new LinkedHashMap<>(ranges);
    r.merge(field, range, Range::intersect);
    return new SearchFilter(metadata, principals, r);
  }

  /**
   * Merges two filters: metadata of both (this one wins on the same field), ranges of both
   * (intersected on the same field), principals of {@code other} if set.
   */
  public SearchFilter and(SearchFilter other) {
    Map<String, List<String>> m = new LinkedHashMap<>(other.metadata);
    m.putAll(metadata);
    Map<String, Range> r = new LinkedHashMap<>(other.ranges);
    ranges.forEach((field, range) -> r.merge(field, range, Range::intersect));
    return new SearchFilter(m, other.principals != null ? other.principals : principals, r);
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
    for (Map.Entry<String, Range> e : ranges.entrySet()) {
      b.add(TermRangeQuery.newStringRange(IndexFields.METADATA_PREFIX + e.getKey(), e.getValue().from(),
          e.getValue().to(), true, true), BooleanClause.Occur.FILTER);
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
