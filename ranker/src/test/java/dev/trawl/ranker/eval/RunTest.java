package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededRandomExtension.class)
class RunTest {

  private static Run read(String text) throws IOException {
    return Run.readTrec(new BufferedReader(new StringReader(text)), "run.txt");
  }

  private static String write(Run run) throws IOException {
    StringWriter out = new StringWriter();
    run.writeTrec(out);
    return out.toString();
  }

  @Test
  void ordersByScoreThenDocIdDescendingLikeTrecEval() throws IOException {
    // Inserted in this order; b, c and a tie at 2.0. trec_eval breaks the tie by docno
    // descending (strcmp(b, a)), so the order is d (3.0), then c, b, a, then e (1.0).
    Run run =
        Run.builder("bm25")
            .add("q1", "b", 2.0)
            .add("q1", "e", 1.0)
            .add("q1", "a", 2.0)
            .add("q1", "d", 3.0)
            .add("q1", "c", 2.0)
            .build();

    assertEquals(List.of("d", "c", "b", "a", "e"), run.rankedDocIds("q1"));
    assertEquals(
        """
        q1 Q0 d 1 3.0 bm25
        q1 Q0 c 2 2.0 bm25
        q1 Q0 b 3 2.0 bm25
        q1 Q0 a 4 2.0 bm25
        q1 Q0 e 5 1.0 bm25
        """,
        write(run));
  }

  @Test
  void readerIgnoresRankColumnAndReranksByScore() throws IOException {
    // The file claims x is rank 1, but its score is lowest: trec_eval would rank it last.
    Run run =
        read(
            """
            # comment
            q1 Q0 x 1 0.5 tagA
            q1 Q0 y 2 0.9 tagA

            q2 Q0 z 1 7 tagB   extra fields are ignored
            """);

    assertEquals(List.of("y", "x"), run.rankedDocIds("q1"));
    assertEquals(new RunEntry("x", 2, 0.5), run.entries("q1").get(1));
    assertEquals(List.of("q1", "q2"), run.queryIds());
    assertEquals("tagB", run.tag()); // like trec_eval, the tag of the last line
    assertEquals(3, run.size());
  }

  @Test
  void writtenRunReadsBackIdentically(Random random) throws IOException {
    // Many ties (scores drawn from 4 values) and awkward magnitudes exercise both the tie-break
    // and the shortest-round-trip score format.
    double[] scores = {0.1 + 0.2, 1e-7, 12345.678901234567, -3.0};
    Run.Builder builder = Run.builder("rnd");
    for (int q = 0; q < 20; q++) {
      int n = random.nextInt(30);
      for (int i = 0; i < n; i++) {
        builder.add("q" + q, "doc" + random.nextInt(1000) + "_" + i, scores[random.nextInt(4)]);
      }
    }
    Run run = builder.build();

    Run back = read(write(run));

    assertEquals(run.queryIds(), back.queryIds());
    for (String q : run.queryIds()) {
      assertEquals(run.entries(q), back.entries(q), q);
    }
  }

  @Test
  void writesAndReadsFiles(@TempDir Path dir) throws IOException {
    Run run = Run.fromRankings("r", Map.of("q", List.of("a", "b")));
    Path file = dir.resolve("run.txt");

    run.writeTrec(file);

    assertEquals(List.of("a", "b"), Run.readTrec(file).rankedDocIds("q"));
  }

  @Test
  void fromRankingsKeepsGivenOrder() {
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    rankings.put("q2", List.of("z", "a", "m"));
    rankings.put("q1", List.of());

    Run run = Run.fromRankings("r", rankings);

    assertEquals(List.of("z", "a", "m"), run.rankedDocIds("q2"));
    assertEquals(new RunEntry("z", 1, 3.0), run.entries("q2").get(0));
    assertEquals(List.of("q2", "q1"), run.queryIds());
    assertTrue(run.contains("q1"));
    assertEquals(List.of(), run.entries("q1"));
  }

  @Test
  void emptyRunWritesNothingAndReadsBackEmpty() throws IOException {
    Run empty = Run.builder("none").build();

    assertEquals("", write(empty));
    Run back = read("");
    assertEquals(0, back.queryCount());
    assertEquals("empty", back.tag());
  }

  @Test
  void rejectsDuplicatesAndUnwritableIds() {
    Run.Builder builder = Run.builder("t").add("q", "d", 1.0);

    assertThrows(IllegalArgumentException.class, () -> builder.add("q", "d", 2.0));
    assertThrows(IllegalArgumentException.class, () -> builder.add("q", "has space", 2.0));
    assertThrows(IllegalArgumentException.class, () -> builder.add("", "d2", 2.0));
    assertThrows(IllegalArgumentException.class, () -> builder.add("q", "d3", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Run.builder("two words"));
  }

  @Test
  void malformedLinesNameFileAndLine() {
    assertEquals(
        "run.txt:2: expected 6 whitespace-separated fields (qid Q0 docid rank score tag), found 5",
        assertThrows(
                MalformedFileException.class, () -> read("q Q0 a 1 1.0 t\nq a 2 0.5 t\n"))
            .getMessage());
    assertEquals(
        "run.txt:1: score 'high' is not a number",
        assertThrows(MalformedFileException.class, () -> read("q Q0 a 1 high t\n"))
            .getMessage());
    assertEquals(
        "run.txt:1: score 'NaN' is not finite",
        assertThrows(MalformedFileException.class, () -> read("q Q0 a 1 NaN t\n")).getMessage());
    assertEquals(
        "run.txt:1: rank 'first' is not an integer",
        assertThrows(MalformedFileException.class, () -> read("q Q0 a first 1 t\n"))
            .getMessage());
    assertEquals(
        "run.txt:3: query q retrieves document a again (first at line 1)",
        assertThrows(
                MalformedFileException.class,
                () -> read("q Q0 a 1 1 t\nq Q0 b 2 1 t\nq Q0 a 3 1 t\n"))
            .getMessage());
  }

  @Test
  void docIdTieBreakUsesUtf8ByteOrder(Random random) {
    // trec_eval compares docnos with strcmp on UTF-8 bytes; String.compareTo differs once a
    // supplementary character (surrogate pair) meets one in U+E000..U+FFFF.
    assertTrue(Run.compareCodePoints("\uD83D\uDE00", "\uFF21") > 0); // U+1F600 > U+FF21
    assertTrue("\uD83D\uDE00".compareTo("\uFF21") < 0);
    int[] pool = {'a', 'z', 0xE9, 0x4E2D, 0xE000, 0xFF21, 0xFFFF, 0x1F600, 0x10400};
    for (int round = 0; round < 2000; round++) {
      String a = randomString(random, pool);
      String b = randomString(random, pool);
      int expected =
          Integer.signum(
              Arrays.compareUnsigned(
                  a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected, Integer.signum(Run.compareCodePoints(a, b)), a + " vs " + b);
    }
  }

  private static String randomString(Random random, int[] pool) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      s.appendCodePoint(pool[random.nextInt(pool.length)]);
    }
    return s.toString();
  }

  @Test
  void entriesAreUnmodifiable() {
    Run run = Run.fromRankings("r", Map.of("q", new ArrayList<>(List.of("a"))));

    assertThrows(UnsupportedOperationException.class, () -> run.entries("q").clear());
  }
}
