package dev.trawl.ranker.train;

import dev.trawl.ranker.feature.FeatureSchema;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes feature logs in LETOR / SVMlight ranking format, readable by RankLib, XGBoost
 * ({@code ?format=libsvm}) and LightGBM:
 *
 * <pre>
 * # trawl features: ...
 * # 1 bm25_contents@1: BM25 of ...
 * 1 qid:1 1:12.5 2:3.25 4:0.81 ... # doc=4983 query=1 rank=1
 * </pre>
 *
 * Feature numbers are 1-based schema columns. A missing value (NaN) is left out of its line, which
 * LETOR readers take as missing (XGBoost) or 0 (RankLib). {@code qid} is the 1-based position of
 * the query in the log, because readers want integers; the dataset's query id is in the comment.
 */
public final class LetorWriter {
  private final Writer out;
  private int queries;

  public LetorWriter(Writer out) {
    this.out = out;
  }

  /** Writes the header: a free-text description, then one comment line per feature. */
  public void header(String description, FeatureSchema schema) throws IOException {
    out.write("# trawl features: " + description.replace('\n', ' ') + "\n");
    for (int c = 0; c < schema.size(); c++) {
      out.write("# " + (c + 1) + " " + schema.get(c).id() + ": " + schema.get(c).definition().replace('\n', ' ')
          + "\n");
    }
  }

  /** Writes one query's candidates, in fused order. */
  public void write(QueryCandidates q) throws IOException {
    queries++;
    int cols = q.features().columns();
    StringBuilder line = new StringBuilder(256);
    List<String> docs = q.features().docIds();
    for (int row = 0; row < q.size(); row++) {
      line.setLength(0);
      line.append(q.labels()[row]).append(" qid:").append(queries);
      for (int c = 0; c < cols; c++) {
        float v = q.features().get(row, c);
        if (!Float.isNaN(v)) {
          line.append(' ').append(c + 1).append(':').append(format(v));
        }
      }
      line.append(" # doc=").append(docs.get(row)).append(" query=").append(q.queryId()).append(" rank=")
          .append(row + 1).append('\n');
      out.write(line.toString());
    }
  }

  /** Queries written so far. */
  public int queries() {
    return queries;
  }

  static String format(float v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7) {
      return Long.toString((long) v);
    }
    return Float.toString(v);
  }
}
