package dev.trawl.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.collection.PreDayDateCollections;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.testing.SeededRandomExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Day filters on metadata {@code date} (date_from / date_to, ranges, equality) against the days as written. */
@ExtendWith(SeededRandomExtension.class)
class DateFilterIT {
  private static final LocalDate FIRST = LocalDate.of(2025, 12, 20);
  private static final int DAYS = 100;

  /** Ids of the documents whose passages pass {@code filters}. */
  private static Set<String> hits(CollectionSnapshot s, Map<String, Object> filters) {
    try {
      Set<String> ids = new TreeSet<>();
      var stored = s.searcher().storedFields();
      for (ScoreDoc d : s.searcher().search(FilterParser.parse(filters).passageQuery(), 10_000).scoreDocs) {
        ids.add(stored.document(d.doc).get(IndexFields.DOC_ID));
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code day} written as a date or a date-time of that same day, in a random ISO form. */
  private static String written(LocalDate day, Random random) {
    int hour = random.nextBoolean() ? (random.nextBoolean() ? 0 : 23) : random.nextInt(24);
    String time = String.format("T%02d:%02d", hour, random.nextInt(60));
    return switch (random.nextInt(6)) {
      case 0, 1 -> day.toString();
      case 2 -> day + time + ":00Z";
      case 3 -> day + time + String.format(":%02d%c%02d:%s", random.nextInt(60), random.nextBoolean() ? '+' : '-',
          random.nextInt(15), List.of("00", "30", "45").get(random.nextInt(3)));
      case 4 -> day + time + (random.nextBoolean() ? "" : ":59");
      default -> day + time + ":00." + random.nextInt(1000) + "Z";
    };
  }

  private static LocalDate randomDay(Random random, int margin) {
    return FIRST.plusDays(random.nextInt(DAYS + 2 * margin) - margin);
  }

  /**
   * Random documents dated by random dates and date-times (late evenings with western offsets,
   * early mornings with eastern ones), random windows: a filter's hits are exactly the documents
   * with a day in the window, the day being the date as written.
   */
  @Test
  void randomWindowsMatchTheDaysAsWritten(@TempDir Path dir, Random random) throws Exception {
    Map<String, List<LocalDate>> days = new HashMap<>();
    List<SourceDocument> docs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "d" + i;
      List<LocalDate> own = new ArrayList<>();
      Map<String, Object> meta = new HashMap<>();
      int kind = random.nextInt(10);
      if (kind == 0) {
        meta.put("type", "undated");
      } else if (kind == 1) {
        own.add(randomDay(random, 0));
        own.add(randomDay(random, 0));
        meta.put("date", own.stream().map(d -> written(d, random)).toList());
      } else {
        own.add(randomDay(random, 0));
        meta.put("date", written(own.get(0), random));
      }
      days.put(id, own);
      docs.add(new SourceDocument(id, "", "zebra " + i, meta, List.of()));
    }
    try (DocumentCollection c = DocumentCollection.open("dates", dir, new HashingEmbedder(16),
        CollectionOptions.defaults())) {
      c.upsert(docs);
      c.commit();
      try (CollectionSnapshot s = c.snapshot()) {
        int nonEmpty = 0;
        for (int round = 0; round < 300; round++) {
          LocalDate from = random.nextInt(5) == 0 ? null : randomDay(random, 5);
          LocalDate to = from != null && random.nextInt(5) == 0 ? null : randomDay(random, 5);
          if (from != null && to != null && from.isAfter(to)) {
            LocalDate t = from;
            from = to;
            to = t;
          }
          Map<String, Object> filters = new HashMap<>();
          switch (random.nextInt(4)) {
            case 0 -> filters.put("date", Map.of("from", String.valueOf(from == null ? to : from),
                "to", String.valueOf(to == null ? from : to)));
            case 1 -> {
              to = from = from == null ? to : from;
              filters.put("date", from.toString());
            }
            default -> {
              if (from != null) {
                filters.put(FilterParser.DATE_FROM, from.toString());
              }
              if (to != null) {
                filters.put(FilterParser.DATE_TO, to.toString());
              }
            }
          }
          if (filters.get("date") instanceof Map<?, ?>) {
            from = from == null ? to : from;
            to = to == null ? from : to;
          }
          LocalDate lo = from;
          LocalDate hi = to;
          Set<String> expected = new TreeSet<>();
          days.forEach((id, own) -> {
            if (own.stream().anyMatch(d -> (lo == null || !d.isBefore(lo)) && (hi == null || !d.isAfter(hi)))) {
              expected.add(id);
            }
          });
          assertEquals(expected, hits(s, filters), "filters " + filters);
          nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 150, "most windows should hold documents: " + nonEmpty);
      }
    }
  }

  /** The new user's report: a date-time is found by day bounds on its own day, from both sides. */
  @Test
  void aDateTimeIsFoundByDayBoundsOnItsDay(@TempDir Path dir) throws Exception {
    try (DocumentCollection c = DocumentCollection.open("dates", dir, new HashingEmbedder(16),
        CollectionOptions.defaults())) {
      c.upsert(List.of(
          new SourceDocument("d2", "", "zebra hello", Map.of("date", "2026-03-04"), List.of()),
          new SourceDocument("d3", "", "zebra hello", Map.of("date", "2026-03-04T10:00:00Z"), List.of()),
          new SourceDocument("d4", "", "zebra hello", Map.of("date", "2026-03-04T23:30:00-05:00"), List.of())));
      c.commit();
      try (CollectionSnapshot s = c.snapshot()) {
        assertEquals(Set.of("d2", "d3", "d4"), hits(s, Map.of("date_to", "2026-03-04")));
        assertEquals(Set.of("d2", "d3", "d4"), hits(s, Map.of("date_from", "2026-03-04")));
        assertEquals(Set.of(), hits(s, Map.of("date_from", "2026-03-05")), "no day is shifted to UTC");
        assertEquals(Set.of(), hits(s, Map.of("date_from", "2026-03-10")));
        assertEquals(Set.of(), hits(s, Map.of("date_to", "2026-03-03")));
      }
    }
  }

  /**
   * A collection written before dates were checked opens and reads as before: its values are
   * returned as written, plain ISO dates filter as they always did, and other values do not
   * match day bounds by their day until the document is written again.
   */
  @Test
  void collectionsWrittenBeforeDaysStillOpenAndKeepTheirValues(@TempDir Path dir) throws Exception {
    HashingEmbedder embedder = new HashingEmbedder(16);
    PreDayDateCollections.write(dir, embedder,
        Map.of("iso", "2026-03-04", "datetime", "2026-03-04T10:00:00Z", "junk", "yesterday"));
    try (DocumentCollection c = DocumentCollection.open("pre-day", dir, embedder, CollectionOptions.defaults())) {
      try (CollectionSnapshot s = c.snapshot()) {
        int junk = s.findDocument("junk");
        assertTrue(junk >= 0);
        assertEquals("{\"date\":\"yesterday\"}", s.searcher().storedFields().document(junk)
            .get(IndexFields.METADATA_JSON));
        assertEquals(Set.of("iso"), hits(s, Map.of("date_from", "2026-03-04", "date_to", "2026-03-04")));
        assertEquals(Set.of("iso", "datetime"), hits(s, Map.of("date_from", "2026-03-01", "date_to", "2026-03-31")));
        assertEquals(Set.of("iso"), hits(s, Map.of("date_to", "2026-03-04")), "the old date-time term sorts after its day");
      }
      c.upsert(List.of(new SourceDocument("datetime", "", "zebra datetime", Map.of("date", "2026-03-04T10:00:00Z"),
          List.of())));
      c.commit();
      try (CollectionSnapshot s = c.snapshot()) {
        assertEquals(Set.of("iso", "datetime"), hits(s, Map.of("date_to", "2026-03-04")), "written again: its day");
      }
    }
  }
}
