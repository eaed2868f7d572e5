package dev.trawl.ranker.train;

import dev.trawl.ranker.feature.Feature;
import dev.trawl.ranker.feature.FeatureSchema;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes feature logs in LETOR / SVMlight ranking format, loadable as they are by XGBoost
 * ({@code file?format=libsvm}), RankLib and scikit-learn's {@code load_svmlight_file}: the data file
 * holds nothing but one line per candidate,
 *
 * <pre>
 * 1 qid:3 1:12.5 2:3.25 4:0.81 ... # doc=4983 query=3 rank=1
 * </pre>
 *
 * (label, qid, 1-based feature numbers in schema order, then a comment that those readers ignore).
 * What the numbers mean goes to two tab-separated sidecars written with {@link
 * #writeFeatureTable} (one row per feature) and {@link #writeQidTable} (one row per query).
 *
 * <p>{@code qid}: readers want integers, so when every query id of the log is a plain integer
 * ({@link Qids#QUERY_IDS}) it is the query id itself, otherwise ({@link Qids#POSITIONS}) the
 * 1-based position of the query in the log; either way the qid table maps it back.
 *
 * <p>Missing values (NaN) are left out of their line by default, which XGBoost reads as missing
 * (as Trawl's own training does) and RankLib as 0; with an explicit missing value they are written
 * as that number instead.
 *
 * <p>Not thread-safe.
 */
public final class LetorWriter {
  /** A query id that is used as qid as it is: a non-negative integer without leading zeros, up to 9 digits. */
  private static final Pattern INTEGER_ID = Pattern.compile("0|[1-9][0-9]{0,8}");

  /** How the {@code qid} numbers are chosen. */
  public enum Qids {
    /** The dataset's query id, which is an integer. */
    QUERY_IDS("the dataset's query id (every query id is an integer)"),
    /** The query's 1-based position in the log. */
    POSITIONS("the query's position in the file (1, 2, ...), not its id");

    private final String description;

    Qids(String description) {
      this.description = description;
    }

    /** What a qid is, for messages and documentation. */
    public String description() {
      return description;
    }

    /** {@link #QUERY_IDS} if every id is a plain integer (a qid as it is), otherwise {@link #POSITIONS}. */
    public static Qids forQueryIds(Collection<String> queryIds) {
      return !queryIds.isEmpty() && queryIds.stream().allMatch(id -> INTEGER_ID.matcher(id).matches())
          ? QUERY_IDS : POSITIONS;
    }

    /**
     * The order to write {@code queries} in: by qid, which some readers require (XGBoost's
     * {@code qid} argument must be non-decreasing); positions are in order already.
     */
    public List<QueryCandidates> order(List<QueryCandidates> queries) {
      if (this == POSITIONS) {
        return queries;
      }
      return queries.stream().sorted(Comparator.comparingLong(q -> Long.parseLong(q.queryId()))).toList();
    }
  }

  /** One query of the log: its qid, its id in the dataset and how many lines (candidates) it has. */
  public record QidEntry(long qid, String queryId, int candidates) {}

  private final Writer out;
  private final Qids qids;
  private final float missing;
  private final List<QidEntry> written = new ArrayList<>();
  private long[] missingCounts;
  private long rows;

  /**
   * @param qids how qids are numbered; with {@link Qids#QUERY_IDS} every query id written must be
   *     an integer
   * @param missing the value written for a missing feature value, or NaN to leave it out of the line
   */
  public LetorWriter(Writer out, Qids qids, float missing) {
    if (Float.isInfinite(missing)) {
      throw new IllegalArgumentException("the missing value must be finite (or NaN to leave it out)");
    }
    this.out = out;
    this.qids = qids;
    this.missing = missing;
  }

  /** A writer that numbers queries by position and leaves missing values out. */
  public LetorWriter(Writer out) {
    this(out, Qids.POSITIONS, Float.NaN);
  }

  /**
   * Writes one query's candidates, in fused order.
   *
   * @return the query's qid
   * @throws IllegalArgumentException with {@link Qids#QUERY_IDS}, if the query id is not an integer
   */
  public long write(QueryCandidates q) throws IOException {
    long qid;
    if (qids == Qids.QUERY_IDS) {
      if (!INTEGER_ID.matcher(q.queryId()).matches()) {
        throw new IllegalArgumentException("query id '" + q.queryId() + "' is not an integer qid");
      }
      qid = Long.parseLong(q.queryId());
    } else {
      qid = written.size() + 1;
    }
    int cols = q.features().columns();
    if (missingCounts == null) {
      missingCounts = new long[cols];
    }
    StringBuilder line = new StringBuilder(256);
    List<String> docs = q.features().docIds();
    for (int row = 0; row < q.size(); row++) {
      line.setLength(0);
      line.append(q.labels()[row]).append(" qid:").append(qid);
      for (int c = 0; c < cols; c++) {
        float v = q.features().get(row, c);
        if (Float.isNaN(v)) {
          missingCounts[c]++;
          if (Float.isNaN(missing)) {
            continue;
          }
          v = missing;
        }
        line.append(' ').append(c + 1).append(':').append(format(v));
      }
      line.append(" # doc=").append(docs.get(row)).append(" query=").append(q.queryId()).append(" rank=")
          .append(row + 1).append('\n');
      out.write(line.toString());
    }
    rows += q.size();
    written.add(new QidEntry(qid, q.queryId(), q.size()));
    return qid;
  }

  /** Queries written so far. */
  public int queries() {
    return written.size();
  }

  /** Lines (candidates) written so far. */
  public long rows() {
    return rows;
  }

  /** The queries written so far, in file order. */
  public List<QidEntry> qidEntries() {
    return List.copyOf(written);
  }

  /** How missing values are written: {@code absent}, or the number written instead. */
  public String missingWrittenAs() {
    return Float.isNaN(missing) ? "absent" : format(missing);
  }

  /**
   * Writes the feature table: a header line, then per feature (in the data file's order)
   *
   * <pre>
   * index  name  version  missing_rows  missing_written_as  definition
   * 5      lexical_rank  1  1834  absent  1-based rank of the document in BM25's ...
   * </pre>
   *
   * {@code index} is the number in the data lines, {@code missing_rows} how many lines of this log
   * lack the value (the definition says when it is missing), {@code missing_written_as} {@code
   * absent} (left out of the line) or the number written instead. Call it after the last {@link
   * #write}.
   */
  public void writeFeatureTable(Writer table, FeatureSchema schema) throws IOException {
    table.write("index\tname\tversion\tmissing_rows\tmissing_written_as\tdefinition\n");
    for (int c = 0; c < schema.size(); c++) {
      Feature f = schema.get(c);
      long missingRows = missingCounts == null || c >= missingCounts.length ? 0 : missingCounts[c];
      table.write((c + 1) + "\t" + f.name() + "\t" + f.version() + "\t" + missingRows + "\t" + missingWrittenAs()
          + "\t" + cell(f.definition()) + "\n");
    }
  }

  /**
   * Writes the qid table: a header line, then one {@code qid  query_id  candidates} row per query
   * in file order, to join the log with qrels and runs by the dataset's query ids.
   */
  public void writeQidTable(Writer table) throws IOException {
    table.write("qid\tquery_id\tcandidates\n");
    for (QidEntry e : written) {
      table.write(e.qid() + "\t" + cell(e.queryId()) + "\t" + e.candidates() + "\n");
    }
  }

  private static String cell(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  static String format(float v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7) {
      return Long.toString((long) v);
    }
    return Float.toString(v);
  }
}
