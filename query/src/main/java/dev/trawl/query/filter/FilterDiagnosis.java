package dev.trawl.query.filter;

import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.transcript.TranscriptFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Why a filter matched nothing, in words a caller can act on: a metadata field no document has
 * (a typo: {@code "typ"} for {@code "type"}), a value no document has (with the values in use),
 * an empty range, or conditions that each match but never together.
 *
 * <p>Only what the caller may see counts: every check runs under the filter's principals, so a
 * notice never names a field or value that appears only in documents hidden from the caller.
 * Meant for the empty-result path only: it runs a few counting queries per condition, and lists
 * at most {@value #MAX_LISTED} fields or values, scanning at most {@value #MAX_TERMS_SCANNED}
 * terms of a field for visible values.
 *
 * <p>Other notices about metadata fields (a {@code group_by} field no result has) use its
 * field checks, {@link #hasVisibleField} and {@link #visibleFieldNames}, with the same visibility.
 */
public final class FilterDiagnosis {
  static final int MAX_LISTED = 20;
  static final int MAX_TERMS_SCANNED = 1000;

  private final IndexSearcher searcher;
  private final SearchFilter filter;
  private final Query visible;

  private FilterDiagnosis(IndexSearcher searcher, SearchFilter filter) {
    this.searcher = searcher;
    this.filter = filter;
    this.visible = new SearchFilter(Map.of(), filter.principals(), Map.of()).passageQuery();
  }

  /**
   * Notices explaining why {@code filter} matches no passage the caller can see in
   * {@code searcher}'s snapshot; empty when the filter has no metadata conditions or when
   * something does match (then the query text, not the filter, found nothing).
   *
   * @throws UncheckedIOException if the index cannot be read
   */
  public static List<String> explain(IndexSearcher searcher, SearchFilter filter) {
    if (filter.metadata().isEmpty() && filter.ranges().isEmpty()) {
      return List.of();
    }
    try {
      return new FilterDiagnosis(searcher, filter).explain();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a passage that {@code principals} can see ({@code null}: any passage) has metadata
   * {@code field} with a text, number or boolean value (alone or in a list).
   *
   * @throws UncheckedIOException if the index cannot be read
   */
  public static boolean hasVisibleField(IndexSearcher searcher, Set<String> principals, String field) {
    try {
      return visibleTo(searcher, principals).hasField(field);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Up to {@value #MAX_LISTED} metadata fields of the passages {@code principals} can see
   * ({@code null}: all), as filters name them; none that only passages hidden from {@code
   * principals} have. Each costs a counting query: read them once per notice.
   *
   * @throws UncheckedIOException if the index cannot be read
   */
  public static List<String> visibleFieldNames(IndexSearcher searcher, Set<String> principals) {
    try {
      return visibleTo(searcher, principals).visibleFieldNames();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code names} ({@link #visibleFieldNames}) as a notice ends: {@code "fields in use: 'date',
   * 'team', 'type'"} (sorted), or that the caller's passages have no metadata.
   */
  public static String fieldsInUse(List<String> names) {
    if (names.isEmpty()) {
      return "no document you can see has any metadata";
    }
    TreeSet<String> quoted = new TreeSet<>();
    names.forEach(n -> quoted.add("'" + n + "'"));
    return "fields in use: " + listed(List.copyOf(quoted));
  }

  /**
   * The nearest spelling of {@code typo} among {@code candidates} (field names the caller can
   * see, from {@link #visibleFieldNames}, and names such as {@code group_by}'s "meeting"), as
   * " (did you mean 'x'?)", or "".
   */
  public static String didYouMeanField(String typo, List<String> candidates) {
    return Suggestion.didYouMean(Suggestion.nearest(typo, candidates));
  }

  private static FilterDiagnosis visibleTo(IndexSearcher searcher, Set<String> principals) {
    return new FilterDiagnosis(searcher, new SearchFilter(Map.of(), principals, Map.of()));
  }

  private List<String> explain() throws IOException {
    if (matches(filter.passageQuery())) {
      return List.of();
    }
    List<String> notices = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : filter.metadata().entrySet()) {
      String field = e.getKey();
      if (!hasField(field)) {
        notices.add(missingField(field));
      } else if (!matches(IndexFields.METADATA_PREFIX + field, anyOf(field, e.getValue()))) {
        notices.add("no document you can see has " + shown(field) + " = " + quotedAlternatives(e.getValue())
            + Suggestion.didYouMean(nearestValue(field, e.getValue()))
            + inUse("; values in use: ", visibleValues(field)) + matchRule(field));
      }
    }
    for (Map.Entry<String, SearchFilter.Range> e : filter.ranges().entrySet()) {
      String field = e.getKey();
      SearchFilter.Range r = e.getValue();
      if (!hasField(field)) {
        notices.add(missingField(field));
      } else if (!matches(IndexFields.METADATA_PREFIX + field, range(field, r.from(), r.to()))) {
        List<String> values = visibleValues(field);
        notices.add("no document you can see has " + shown(field) + " "
            + (r.from() == null ? "up to '" + r.to() + "'" : r.to() == null ? "from '" + r.from() + "'"
                : "from '" + r.from() + "' to '" + r.to() + "'")
            + (values.isEmpty() ? "" : "; its values in use run from '" + values.get(0) + "'"
                + (values.size() < MAX_LISTED ? " to '" + values.get(values.size() - 1) + "'" : " upwards")));
      }
    }
    if (notices.isEmpty()) {
      notices.add("each filter condition matches documents you can see on its own, but none matches all of "
          + "them together; drop or widen one of: " + String.join(", ", conditions()));
    }
    return notices;
  }

  private String missingField(String field) throws IOException {
    List<String> names = visibleFieldNames();
    return "no document you can see has the metadata field " + shown(field) + didYouMeanField(field, names) + "; "
        + fieldsInUse(names);
  }

  /**
   * The nearest spelling, among the values of {@code field} the caller can see, of the first of
   * {@code values} that has one; or null.
   */
  private String nearestValue(String field, List<String> values) throws IOException {
    String luceneField = IndexFields.METADATA_PREFIX + field;
    Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), luceneField);
    for (String v : values) {
      String near = Suggestion.nearestTerm(terms, v, term -> visibleTerm(luceneField, term));
      if (near != null) {
        return near;
      }
    }
    return null;
  }

  /** Whether a passage the caller can see has {@code term} in {@code luceneField}. */
  private boolean visibleTerm(String luceneField, String term) {
    try {
      return filter.principals() == null || matches(luceneField, new TermQuery(new Term(luceneField, term)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean hasField(String field) throws IOException {
    return matches(IndexFields.METADATA_PREFIX + field, range(field, null, null));
  }

  /** True when a visible passage matches {@code condition}; {@code luceneField} may be unindexed. */
  private boolean matches(String luceneField, Query condition) throws IOException {
    if (MultiTerms.getTerms(searcher.getIndexReader(), luceneField) == null) {
      return false;
    }
    return matches(new BooleanQuery.Builder().add(visible, BooleanClause.Occur.FILTER)
        .add(condition, BooleanClause.Occur.FILTER).build());
  }

  private boolean matches(Query q) throws IOException {
    return searcher.count(q) > 0;
  }

  /** Up to {@value #MAX_LISTED} metadata fields of the passages the caller can see, as filters name them. */
  private List<String> visibleFieldNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (FieldInfo info : FieldInfos.getMergedFieldInfos(searcher.getIndexReader())) {
      if (info.name.startsWith(IndexFields.METADATA_PREFIX) && names.size() < MAX_LISTED) {
        String field = info.name.substring(IndexFields.METADATA_PREFIX.length());
        if (hasField(field)) {
          names.add(field.equals(TranscriptFields.SPEAKER_KEYS) ? FilterParser.SPEAKER : field);
        }
      }
    }
    return names;
  }

  /** Up to {@value #MAX_LISTED} values of {@code field} on visible passages, in term order. */
  private List<String> visibleValues(String field) throws IOException {
    String luceneField = IndexFields.METADATA_PREFIX + field;
    Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), luceneField);
    List<String> values = new ArrayList<>();
    if (terms == null) {
      return values;
    }
    TermsEnum te = terms.iterator();
    int scanned = 0;
    for (BytesRef t = te.next(); t != null && values.size() < MAX_LISTED && scanned < MAX_TERMS_SCANNED;
        t = te.next(), scanned++) {
      String value = t.utf8ToString();
      if (visibleTerm(luceneField, value)) {
        values.add(value);
      }
    }
    return values;
  }

  private List<String> conditions() {
    List<String> out = new ArrayList<>();
    filter.metadata().keySet().forEach(f -> out.add(shown(f)));
    filter.ranges().keySet().forEach(f -> out.add(shown(f) + " (range)"));
    return out;
  }

  private static Query anyOf(String field, List<String> values) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String v : values) {
      b.add(new TermQuery(new Term(IndexFields.METADATA_PREFIX + field, v)), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  private static Query range(String field, String from, String to) {
    return TermRangeQuery.newStringRange(IndexFields.METADATA_PREFIX + field, from, to, true, true);
  }

  /** How the filter's values are compared, for the notice: speakers loosely, any other field exactly. */
  private static String matchRule(String field) {
    return field.equals(TranscriptFields.SPEAKER_KEYS)
        ? " (speakers match ignoring case and spacing; a first name matches when one person in the meeting has it)"
        : " (values match exactly, case included)";
  }

  /** The name a caller filters by: the transcript speaker filter reads an internal field. */
  private static String shown(String field) {
    return "'" + (field.equals(TranscriptFields.SPEAKER_KEYS) ? FilterParser.SPEAKER : field) + "'";
  }

  private static String quotedAlternatives(List<String> values) {
    return "'" + String.join("' or '", values) + "'";
  }

  /** {@code prefix} and the values, or nothing when none was found in the terms scanned. */
  private static String inUse(String prefix, List<String> values) {
    return values.isEmpty() ? "" : prefix + listed(values);
  }

  private static String listed(List<String> items) {
    String joined = String.join(", ", items);
    return items.size() >= MAX_LISTED ? joined + ", ..." : joined;
  }
}
