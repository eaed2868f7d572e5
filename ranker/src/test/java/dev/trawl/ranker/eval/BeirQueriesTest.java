package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirQueriesTest {
  private static final String QUERIES =
      """
      {"_id": "0", "text": "first claim", "metadata": {}}
      {"_id": "2", "text": "second claim", "metadata": {"13734012": [{"sentences": [4], "label": "CONTRADICT"}]}}
      {"_id": "4", "text": "third claim"}
      {"_id": "6", "text": "fourth claim", "metadata": null, "title": "ignored"}
      """;

  private static BeirQueries read(String text) throws IOException {
    return BeirQueries.read(new BufferedReader(new StringReader(text)), "queries.jsonl");
  }

  private static MalformedFileException error(String text) {
    return assertThrows(MalformedFileException.class, () -> read(text));
  }

  @Test
  void readsQueriesWithAndWithoutMetadata() throws IOException {
    BeirQueries queries = read(QUERIES);

    assertEquals(4, queries.size());
    assertEquals(new Query("0", "first claim"), queries.get("0"));
    assertEquals(Map.of(), queries.get("4").metadata());
    assertEquals(Map.of(), queries.get("6").metadata());
    assertEquals(
        Map.of("13734012", List.of(Map.of("sentences", List.of(4), "label", "CONTRADICT"))),
        queries.get("2").metadata());
    assertNull(queries.get("1"));
  }

  @Test
  void metadataIsDeeplyUnmodifiable() throws IOException {
    Query q = read(QUERIES).get("2");
    @SuppressWarnings("unchecked")
    List<Object> evidence = (List<Object>) q.metadata().get("13734012");

    assertThrows(UnsupportedOperationException.class, () -> q.metadata().put("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> evidence.add("x"));
  }

  @Test
  void splitHoldsJudgedQueriesInFileOrder() throws IOException {
    // The qrels list 6 before 0; the split keeps the order of queries.jsonl.
    Qrels qrels = Qrels.of(Map.of("6", Map.of("d", 1), "0", Map.of("d", 1)));

    List<Query> split = read(QUERIES).forSplit(qrels);

    assertEquals(List.of("0", "6"), split.stream().map(Query::id).toList());
  }

  @Test
  void splitWithUnknownQueryIdFails() throws IOException {
    Qrels qrels = Qrels.of(Map.of("0", Map.of("d", 1), "99", Map.of("d", 1)));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> read(QUERIES).forSplit(qrels));
    assertTrue(e.getMessage().contains("[99]"), e.getMessage());
  }

  @Test
  void readsSplitFromDatasetLayout(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("queries.jsonl"), QUERIES.replace("\n", "\r\n"));
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(
        dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\r\n4\td1\t1\r\n2\td2\t1\r\n");

    List<Query> split = BeirQueries.readSplit(dir, "test");

    assertEquals(List.of("2", "4"), split.stream().map(Query::id).toList());
    assertEquals("third claim", split.get(1).text());
  }

  @Test
  void numericIdIsReadAsText() throws IOException {
    assertEquals("17", read("{\"_id\": 17, \"text\": \"t\"}\n").all().get(0).id());
  }

  @Test
  void malformedJsonNamesLine() {
    MalformedFileException e = error("{\"_id\": \"1\", \"text\": \"a\"}\n\n{\"_id\": \"2\", \"text\": }\n");

    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("queries.jsonl:3: malformed JSON: "), e.getMessage());
  }

  @Test
  void trailingGarbageIsMalformed() {
    assertEquals(1, error("{\"_id\": \"1\", \"text\": \"a\"} x\n").line());
  }

  @Test
  void missingOrWrongFieldsNameLine() {
    assertEquals(
        "queries.jsonl:1: missing string field \"_id\"", error("{\"text\": \"a\"}").getMessage());
    assertEquals(
        "queries.jsonl:1: missing string field \"text\"",
        error("{\"_id\": \"1\", \"text\": 5}").getMessage());
    assertEquals(
        "queries.jsonl:1: \"metadata\" must be a JSON object",
        error("{\"_id\": \"1\", \"text\": \"a\", \"metadata\": [1]}").getMessage());
    assertEquals("queries.jsonl:1: expected a JSON object", error("[1, 2]").getMessage());
  }

  @Test
  void repeatedIdNamesBothLines() {
    MalformedFileException e =
        error("{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"1\", \"text\": \"b\"}\n");

    assertEquals("queries.jsonl:2: query id 1 repeated (first at line 1)", e.getMessage());
  }
}
