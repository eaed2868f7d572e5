package dev.trawl.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSONL file import (CLI {@code trawl index}): a file is validated whole before anything is indexed. */
class JsonlDocumentReaderTest {
  private static List<SourceDocument> read(String jsonl) throws Exception {
    return JsonlDocumentReader.read("docs.jsonl", new BufferedReader(new StringReader(jsonl)));
  }

  @Test
  void badDatesAreListedByLineAndRejectTheFile() {
    String jsonl = """
        {"id": "d1", "text": "zebra hello", "metadata": {"date": "yesterday"}}
        {"id": "d2", "text": "zebra hello", "metadata": {"date": "2026-3-4"}}

        {"id": "d3", "text": "zebra hello", "metadata": {"date": "2026-03-04T10:00:00Z"}}
        {"id": "d4", "text": "zebra hello", "metadata": {"date": ["2026-03-04", 5]}}
        """;
    var e = assertThrows(MalformedInputException.class, () -> read(jsonl));
    assertEquals(3, e.badLines());
    assertEquals(List.of(1L, 2L, 5L), e.errors().stream().map(MalformedInputException.LineError::line).toList());
    assertTrue(e.errors().get(0).message().contains("metadata 'date' must be an ISO date like 2026-03-04")
        && e.errors().get(0).message().contains("got 'yesterday'"), e.errors().get(0).message());
    assertTrue(e.errors().get(1).message().endsWith("Write it as 2026-03-04."), e.errors().get(1).message());
    assertTrue(e.errors().get(2).message().contains("got 5 (a number)"), e.errors().get(2).message());
    assertTrue(e.getMessage().contains("nothing from it was indexed"), e.getMessage());
  }

  @Test
  void goodDatesAreKeptAsWritten() throws Exception {
    List<SourceDocument> docs = read("""
        {"id": "d3", "text": "zebra hello", "metadata": {"date": "2026-03-04T10:00:00Z"}}
        {"id": "d4", "text": "zebra hello", "metadata": {"date": "2026-03-04", "type": "note"}}
        {"id": "d5", "text": "zebra hello", "metadata": {"date": null}}
        """);
    assertEquals("2026-03-04T10:00:00Z", docs.get(0).metadata().get("date"));
    assertEquals("2026-03-04", docs.get(1).metadata().get("date"));
    assertEquals(false, docs.get(2).metadata().containsKey("date"), "null means absent");
  }
}
