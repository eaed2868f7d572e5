package dev.trawl.ranker.eval;

import java.util.List;

/**
 * Renders rows of cells as a plain-text table: the first {@code leftColumns} columns (labels)
 * left-aligned, the others (numbers) right-aligned, columns padded to their widest cell and
 * separated by two spaces.
 */
final class TextTable {
  private TextTable() {}

  /** The rendered table, one line per row, each ending in {@code \n}; rows may be ragged. */
  static String render(List<List<String>> rows, int leftColumns) {
    int columns = 0;
    for (List<String> row : rows) {
      columns = Math.max(columns, row.size());
    }
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        if (c > 0) {
          line.append("  ");
        }
        if (c < leftColumns) {
          line.append(cell).append(" ".repeat(width[c] - cell.length()));
        } else {
          line.append(" ".repeat(width[c] - cell.length())).append(cell);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
