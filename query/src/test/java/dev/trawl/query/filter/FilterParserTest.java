package dev.trawl.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterParserTest {
  @Test
  void readsTranscriptKeysAndGenericMetadata() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("speaker", List.of("Sarah  SACHS", "tom"));
    json.put("meeting_id", "sync-0304");
    json.put("date_from", "2026-03-01");
    json.put("date_to", "2026-03-31");
    json.put("chunk", 3);
    json.put("created", Map.of("from", "2026-01-01"));
    SearchFilter f = FilterParser.parse(json);
    assertEquals(List.of("sarah sachs", "tom"), f.metadata().get("speaker_keys"));
    assertEquals(List.of("sync-0304"), f.metadata().get("meeting_id"));
    assertEquals(List.of("3"), f.metadata().get("chunk"));
    assertEquals(new SearchFilter.Range("2026-03-01", "2026-03-31"), f.ranges().get("date"));
    assertEquals(new SearchFilter.Range("2026-01-01", null), f.ranges().get("created"));
    assertEquals(null, f.principals());
  }

  @Test
  void rejectsBadValuesNamingTheKey() {
    IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
        () -> FilterParser.parse(Map.of("date_from", "March")));
    assertTrue(date.getMessage().contains("date_from") && date.getMessage().contains("YYYY-MM-DD"));
    IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
        () -> FilterParser.parse(Map.of("date_from", "2026-04-01", "date_to", "2026-03-01")));
    assertTrue(order.getMessage().contains("after date_to"));
    IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
        () -> FilterParser.parse(Map.of("speaker", List.of(Map.of("a", 1)))));
    assertTrue(nested.getMessage().contains("speaker"));
    assertThrows(IllegalArgumentException.class, () -> FilterParser.parse(Map.of("x", Map.of("gte", 1))));
  }

  @Test
  void filtersOnDateCompareDaysAsTheIndexDoes() {
    assertEquals(List.of("2026-03-04", "2026-03-05"), FilterParser.parse(Map.of("date",
        List.of("2026-03-04T10:00:00Z", "2026-03-05"))).metadata().get("date"), "equality on the day written");
    assertEquals(new SearchFilter.Range("2026-03-01", "2026-03-04"), FilterParser.parse(Map.of("date",
        Map.of("from", "2026-03-01T08:00:00", "to", "2026-03-04T23:30:00-05:00"))).ranges().get("date"),
        "a range bound that is a date-time is its day, so the bound's whole day is in");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> FilterParser.parse(Map.of("date", "yesterday")));
    assertTrue(bad.getMessage().startsWith("filter date: ") && bad.getMessage().contains("2026-03-04"),
        bad.getMessage());
    assertEquals(List.of("yesterday"), FilterParser.parse(Map.of("when", "yesterday")).metadata().get("when"),
        "other fields are compared as written");
  }

  @Test
  void rangesIntersectWhenFiltersCombine() {
    SearchFilter a = SearchFilter.NONE.withRange("date", new SearchFilter.Range("2026-01-01", "2026-06-30"));
    SearchFilter b = SearchFilter.NONE.withRange("date", new SearchFilter.Range("2026-03-01", null));
    assertEquals(new SearchFilter.Range("2026-03-01", "2026-06-30"), a.and(b).ranges().get("date"));
    assertEquals(SearchFilter.NONE, new SearchFilter(Map.of(), null), "the two-argument form has no ranges");
  }
}
