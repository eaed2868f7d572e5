package dev.trawl.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataDateTest {
  private static final String TAIL = "Use another field name for dates that are not calendar dates.";

  @Test
  void aDateIsItsOwnDay() {
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04"));
    assertEquals("2024-02-29", MetadataDate.day("2024-02-29"), "a leap day");
    assertEquals("2026-03-04", MetadataDate.day(" 2026-03-04\n"), "surrounding whitespace is ignored");
  }

  @Test
  void aDateTimeIsTheDayAsWrittenNeverShifted() {
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04T10:00:00Z"));
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04T10:00:00+02:00"));
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04T10:00:00"));
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04T10:00"));
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04T10:00:00.123456789Z"));
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04T23:30:00-05:00"), "March 5 in UTC, March 4 as written");
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04T00:30:00+14:00"), "March 3 in UTC, March 4 as written");
    assertEquals("2026-03-04", MetadataDate.day("2026-03-04T10:00:00+01:00[Europe/Paris]"));
  }

  @Test
  void aListIsCheckedValueByValue() {
    MetadataDate.check(List.of("2026-03-04", "2026-03-05T09:00:00Z"));
    MetadataDate.check(List.of());
    var e = assertThrows(IllegalArgumentException.class, () -> MetadataDate.check(List.of("2026-03-04", "soon")));
    assertTrue(e.getMessage().contains("got 'soon'"), e.getMessage());
  }

  @Test
  void anUnparseableValueIsRefusedWithTheFormsToUse() {
    var e = assertThrows(IllegalArgumentException.class, () -> MetadataDate.day("yesterday"));
    assertEquals("metadata 'date' must be an ISO date like 2026-03-04 (or a date-time like 2026-03-04T10:00:00Z); "
        + "got 'yesterday'. " + TAIL, e.getMessage());
    for (String bad : List.of("", "2026", "2026-03", "04/03/2026", "2026/03/04", "20260304", "2026-03-04Z",
        "2026-03-04T", "2026-03-04T25:00:00Z", "2026-03-04T10:00:00+25:00", "2026-03-04 and later", "+12026-03-04",
        "2026-13-01x")) {
      var bad1 = assertThrows(IllegalArgumentException.class, () -> MetadataDate.day(bad), bad);
      assertTrue(bad1.getMessage().startsWith("metadata 'date' must be an ISO date like 2026-03-04")
          && bad1.getMessage().contains("got '" + bad + "'"), bad1.getMessage());
    }
  }

  @Test
  void anUnpaddedDateIsRefusedShowingThePaddedForm() {
    var e = assertThrows(IllegalArgumentException.class, () -> MetadataDate.day("2026-3-4"));
    assertEquals("metadata 'date' must be an ISO date like 2026-03-04 (or a date-time like 2026-03-04T10:00:00Z); "
        + "got '2026-3-4'. Write it as 2026-03-04.", e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MetadataDate.day("2026-03-4T10:00:00Z"))
        .getMessage().endsWith("Write it as 2026-03-04T10:00:00Z."));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MetadataDate.day("2026-03-04 10:00:00"))
        .getMessage().endsWith("Write it as 2026-03-04T10:00:00."), "a space before the time");
    String noSuchDay = assertThrows(IllegalArgumentException.class, () -> MetadataDate.day("2026-2-30")).getMessage();
    assertFalse(noSuchDay.contains("Write it as"), "padding does not make a day that does not exist: " + noSuchDay);
  }

  @Test
  void anImpossibleDayIsNamedAsSuch() {
    for (String bad : List.of("2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10",
        "2026-03-32T10:00:00Z")) {
      var e = assertThrows(IllegalArgumentException.class, () -> MetadataDate.day(bad), bad);
      assertTrue(e.getMessage().endsWith("got '" + bad + "'. There is no such day: check the month and the day."),
          e.getMessage());
    }
  }

  @Test
  void nonStringsAreRefusedSayingWhatTheyAre() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MetadataDate.day(20260304)).getMessage()
        .contains("got 20260304 (a number). " + TAIL));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MetadataDate.day(true)).getMessage()
        .contains("got true (a boolean)."));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MetadataDate.check(Map.of("y", 2026)))
        .getMessage().contains("got an object."));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MetadataDate.check(List.of(List.of("2026-03-04"))))
        .getMessage().contains("got a list inside a list."));
  }

  @Test
  void aSourceDocumentRefusesABadDateAndKeepsAGoodOneAsWritten() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SourceDocument("d1", "", "zebra", Map.of("date", "yesterday"), List.of()));
    assertTrue(e.getMessage().startsWith("metadata 'date' must be"), e.getMessage());
    var ok = new SourceDocument("d3", "", "zebra", Map.of("date", "2026-03-04T10:00:00Z"), List.of());
    assertEquals("2026-03-04T10:00:00Z", ok.metadata().get("date"), "stored as written");
    new SourceDocument("d4", "", "zebra", Map.of("dated", "yesterday"), List.of()); // other fields are free
  }
}
