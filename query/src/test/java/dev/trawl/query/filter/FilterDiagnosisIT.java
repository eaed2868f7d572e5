package dev.trawl.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.indexer.transcript.SpeakerNames;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.testing.SeededRandomExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Notices for filters that match nothing, and that they only name what the caller can see. */
@ExtendWith(SeededRandomExtension.class)
class FilterDiagnosisIT {
  private static final Set<String> ENG = Set.of("group:eng");

  private static final List<SourceDocument> DOCS = List.of(
      new SourceDocument("db", "Database failover runbook", "Promote the replica.",
          Map.of("type", "runbook", "team", "platform", "date", "2026-01-14"), List.of()),
      new SourceDocument("kafka", "Consumer lag postmortem", "A rebalance stalled the stream.",
          Map.of("type", "postmortem", "team", "data", "date", "2026-02-02"), List.of("group:eng")),
      new SourceDocument("pay", "Compensation review", "Salary bands for 2026.",
          Map.of("type", "payroll", "salary_band", "b3", "date", "2026-03-01"), List.of("group:hr")));

  private static <T> T withSnapshot(Path dir, List<SourceDocument> docs, Function<CollectionSnapshot, T> f)
      throws Exception {
    try (DocumentCollection c = DocumentCollection.open("t", dir, new HashingEmbedder(16), CollectionOptions.defaults())) {
      c.upsert(docs);
      c.commit();
      try (CollectionSnapshot s = c.snapshot()) {
        return f.apply(s);
      }
    }
  }

  private static List<String> explain(CollectionSnapshot s, Map<String, Object> filters, Set<String> principals) {
    return FilterDiagnosis.explain(s.searcher(), FilterParser.parse(filters).withPrincipals(principals));
  }

  @Test
  void namesTheFailingConditionAndWhatIsInUse(@TempDir Path dir) throws Exception {
    withSnapshot(dir, DOCS, s -> {
      assertEquals(List.of(), explain(s, Map.of("type", "runbook"), ENG), "it matches: nothing to explain");
      assertEquals(List.of(), explain(s, Map.of(), ENG), "no filter");

      assertEquals(List.of("no document you can see has the metadata field 'typ' (did you mean 'type'?); fields in "
          + "use: 'date', 'team', 'type'"), explain(s, Map.of("typ", "runbook"), ENG));
      assertEquals(List.of("no document you can see has 'type' = 'runbok' or 'Runbook' (did you mean 'runbook'?); "
          + "values in use: postmortem, runbook (values match exactly, case included)"),
          explain(s, Map.of("type", List.of("runbok", "Runbook")), ENG));
      assertEquals(List.of("no document you can see has 'team' = 'payroll'; values in use: data, platform (values "
          + "match exactly, case included)"), explain(s, Map.of("team", "payroll"), ENG), "no suggestion when none is near");
      assertEquals(List.of("no document you can see has 'date' from '2027-01-01'; its values in use run from "
          + "'2026-01-14' to '2026-02-02'"), explain(s, Map.of("date", Map.of("from", "2027-01-01")), ENG));
      List<String> together = explain(s, Map.of("type", "runbook", "team", "data"), ENG);
      assertEquals(1, together.size(), together.toString());
      assertTrue(together.get(0).startsWith("each filter condition matches documents you can see on its own, but none "
          + "matches all of them together"), together.get(0));
      return null;
    });
  }

  @Test
  void speakerNoticeSaysSpeakersMatchLoosely(@TempDir Path dir) throws Exception {
    List<SourceDocument> docs = List.of(new SourceDocument("m-c0", "Sync", "We cut over on Friday.",
        Map.of(TranscriptFields.SPEAKER_KEYS, List.of(SpeakerNames.key("Sarah Sachs"))), List.of()));
    withSnapshot(dir, docs, s -> {
      List<String> notices = explain(s, Map.of("speaker", "Dana"), ENG);
      assertEquals(1, notices.size(), notices.toString());
      assertTrue(notices.get(0).startsWith("no document you can see has 'speaker' = '"), notices.get(0));
      assertTrue(notices.get(0).endsWith("(speakers match ignoring case and spacing; a first name matches when one "
          + "person in the meeting has it)"), notices.get(0));
      assertEquals(List.of(), explain(s, Map.of("speaker", "SARAH sachs"), ENG), "case does not matter");
      return null;
    });
  }

  @Test
  void neverNamesWhatOnlyHiddenDocumentsHave(@TempDir Path dir) throws Exception {
    withSnapshot(dir, DOCS, s -> {
      List<String> field = explain(s, Map.of("salary_band", "b3"), ENG);
      assertEquals(List.of("no document you can see has the metadata field 'salary_band'; fields in use: 'date', "
          + "'team', 'type'"), field, "the field exists, but only on a document group:eng cannot see");
      List<String> value = explain(s, Map.of("type", "payrol"), ENG);
      assertFalse(value.get(0).contains("payroll"), value.get(0));
      // A trusted caller (no principals) sees everything, so it is told about everything.
      assertTrue(explain(s, Map.of("type", "payrol"), null).get(0).contains("payroll"));
      return null;
    });
  }

  /** Past the scan limit of hidden values nothing visible is named, and nothing fails. */
  @Test
  void manyHiddenValuesBeforeTheVisibleOne(@TempDir Path dir) throws Exception {
    List<SourceDocument> docs = new ArrayList<>();
    for (int i = 0; i < FilterDiagnosis.MAX_TERMS_SCANNED; i++) {
      docs.add(new SourceDocument(String.format("h%04d", i), "hidden", "hidden text",
          Map.of("code", String.format("c%04d", i)), List.of("group:hr")));
    }
    docs.add(new SourceDocument("open", "open", "open text", Map.of("code", "z"), List.of()));
    withSnapshot(dir, docs, s -> {
      assertEquals(List.of("no document you can see has 'code' from 'zz'"),
          explain(s, Map.of("code", Map.of("from", "zz")), ENG));
      assertEquals(List.of("no document you can see has 'code' = 'y' (values match exactly, case included)"),
          explain(s, Map.of("code", "y"), ENG));
      return null;
    });
  }

  /**
   * Random documents with random ACLs and metadata, random callers and filters: every value a
   * notice names is held by a document the caller can see.
   */
  @Test
  void randomFiltersNameOnlyVisibleValues(@TempDir Path dir, Random random) throws Exception {
    List<String> groups = List.of("group:a", "group:b", "group:c");
    List<String> fields = List.of("color", "shape", "size");
    List<SourceDocument> docs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> meta = new HashMap<>();
      for (String f : fields) {
        if (random.nextInt(3) > 0) {
          meta.put(f, f + random.nextInt(8));
        }
      }
      List<String> acl = random.nextInt(4) == 0 ? List.of() : List.of(groups.get(random.nextInt(groups.size())));
      docs.add(new SourceDocument("d" + i, "doc " + i, "text of document " + i, meta, acl));
    }
    withSnapshot(dir, docs, s -> {
      int notices = 0;
      int suggestions = 0;
      for (int round = 0; round < 300; round++) {
        Set<String> principals = Set.of(groups.get(random.nextInt(groups.size())));
        Set<String> visibleTokens = new HashSet<>();
        for (SourceDocument d : docs) {
          if (d.acl().isEmpty() || d.acl().stream().anyMatch(principals::contains)) {
            d.metadata().forEach((k, v) -> {
              visibleTokens.add(k);
              visibleTokens.add(v.toString());
            });
          }
        }
        Map<String, Object> filter = new HashMap<>();
        int conditions = 1 + random.nextInt(2);
        for (int c = 0; c < conditions; c++) {
          String f = fields.get(random.nextInt(fields.size()));
          filter.put(random.nextInt(6) == 0 ? f + "x" : f, f + random.nextInt(10));
        }
        for (String notice : explain(s, filter, principals)) {
          notices++;
          java.util.regex.Matcher suggested = java.util.regex.Pattern.compile("did you mean '([^']*)'").matcher(notice);
          while (suggested.find()) {
            suggestions++;
            assertTrue(visibleTokens.contains(suggested.group(1)), "suggested '" + suggested.group(1) + "' to "
                + principals + ": " + notice);
          }
          int inUse = notice.indexOf("in use");
          if (inUse < 0) {
            continue;
          }
          for (String named : notice.substring(inUse).replaceAll("[^a-z0-9 ]", " ").split("\\s+")) {
            if (named.matches("(color|shape|size)\\d*") ) {
              assertTrue(visibleTokens.contains(named), "'" + named + "' named to " + principals + ": " + notice);
            }
          }
        }
      }
      assertTrue(notices > 50, "the random filters should often match nothing: " + notices);
      assertTrue(suggestions > 20, "typos one edit from a visible name or value get a suggestion: " + suggestions);
      return null;
    });
  }
}
