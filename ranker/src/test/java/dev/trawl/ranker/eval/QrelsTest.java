package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrelsTest {

  private static Qrels beir(String text) throws IOException {
    return Qrels.readBeir(new BufferedReader(new StringReader(text)), "test.tsv");
  }

  private static Qrels trec(String text) throws IOException {
    return Qrels.readTrec(new BufferedReader(new StringReader(text)), "qrels.txt");
  }

  @Test
  void readsBeirTsvWithHeaderInFileOrder() throws IOException {
    Qrels qrels = beir("query-id\tcorpus-id\tscore\n3\tdocA\t1\n1\tdocB\t2\n3\tdocC\t0\n");

    assertEquals(List.of("3", "1"), qrels.queryIds());
    assertEquals(Map.of("docA", 1, "docC", 0), qrels.judgments("3"));
    assertEquals(List.of("docA", "docC"), List.copyOf(qrels.judgments("3").keySet()));
    assertEquals(2, qrels.queryCount());
    assertEquals(3, qrels.size());
    assertEquals(1, qrels.relevantCount("3"));
    assertEquals(Map.of(), qrels.judgments("unknown"));
    assertFalse(qrels.contains("unknown"));
  }

  @Test
  void toleratesByteOrderMarkCrlfBlankLinesAndMissingHeader() throws IOException {
    Qrels qrels = beir("\uFEFFq1\td1\t1\r\n\r\nq1\td2\t2\r\n");

    assertEquals(Map.of("d1", 1, "d2", 2), qrels.judgments("q1"));
  }

  @Test
  void readsSplitFromDatasetLayout(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(dir.resolve("qrels/dev.tsv"), "query-id\tcorpus-id\tscore\nq\td\t1\n");

    assertEquals(List.of("q"), Qrels.readBeirSplit(dir, "dev").queryIds());
  }

  @Test
  void beirRowWithWrongFieldCountNamesFileAndLine() {
    MalformedFileException e =
        assertThrows(
            MalformedFileException.class,
            () -> beir("query-id\tcorpus-id\tscore\nq1\td1\t1\nq1 d2 1\n"));

    assertEquals("test.tsv", e.source());
    assertEquals(3, e.line());
    assertEquals(
        "test.tsv:3: expected 3 tab-separated fields (query-id, corpus-id, score), found 1",
        e.getMessage());
  }

  @Test
  void nonIntegerScoreIsAnError() {
    MalformedFileException e =
        assertThrows(MalformedFileException.class, () -> beir("q1\td1\t1\nq1\td2\t0.5\n"));

    assertEquals("test.tsv:2: grade '0.5' is not an integer", e.getMessage());
  }

  @Test
  void repeatedPairIsAnErrorNamingBothLines() {
    MalformedFileException e =
        assertThrows(
            MalformedFileException.class, () -> beir("q1\td1\t1\nq2\td1\t1\nq1\td1\t0\n"));

    assertEquals(
        "test.tsv:3: query q1 judges document d1 again (first at line 1)", e.getMessage());
  }

  @Test
  void emptyIdIsAnError() {
    MalformedFileException e =
        assertThrows(MalformedFileException.class, () -> beir("q1\t\t1\n"));

    assertEquals(1, e.line());
  }

  @Test
  void readsTrecQrelsSkippingCommentsAndIteration() throws IOException {
    Qrels qrels = trec("# judged by hand\n301 0 FT1 1\n301  Q0\tFT2 0\n\n302 1 FT3 2\n");

    assertEquals(List.of("301", "302"), qrels.queryIds());
    assertEquals(Map.of("FT1", 1, "FT2", 0), qrels.judgments("301"));
    assertEquals(Map.of("FT3", 2), qrels.judgments("302"));
  }

  @Test
  void trecLineWithWrongFieldCountNamesLine() {
    MalformedFileException e =
        assertThrows(MalformedFileException.class, () -> trec("301 0 FT1 1\n301 FT2 1\n"));

    assertEquals(
        "qrels.txt:2: expected 4 whitespace-separated fields (qid, iteration, docid, grade),"
            + " found 3",
        e.getMessage());
  }

  @Test
  void writesTrecQrelsThatReadBack() throws IOException {
    Map<String, Map<String, Integer>> data = new LinkedHashMap<>();
    data.put("q2", new LinkedHashMap<>(Map.of("b", 2)));
    data.put("q1", new LinkedHashMap<>(Map.of("a", -1)));
    Qrels qrels = Qrels.of(data);
    StringWriter out = new StringWriter();

    qrels.writeTrec(out);

    assertEquals("q2 0 b 2\nq1 0 a -1\n", out.toString());
    Qrels back = trec(out.toString());
    assertEquals(qrels.queryIds(), back.queryIds());
    assertEquals(qrels.judgments("q1"), back.judgments("q1"));
  }

  @Test
  void writingAnIdWithWhitespaceFails() {
    Qrels qrels = Qrels.of(Map.of("q 1", Map.of("d", 1)));

    assertThrows(IllegalStateException.class, () -> qrels.writeTrec(new StringWriter()));
  }

  @Test
  void negativeAndZeroGradesAreJudgedButNotRelevant() {
    Qrels qrels = Qrels.of(Map.of("q", Map.of("a", -1, "b", 0, "c", 3)));

    assertEquals(1, qrels.relevantCount("q"));
    assertEquals(3, qrels.size());
    assertTrue(qrels.contains("q"));
  }
}
