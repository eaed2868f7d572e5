package dev.trawl.query.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class ResultGrouperTest {
  @Test
  void picksBestHitsPerGroupInFusedOrder() {
    //                   0    1    2    3    4    5    6    7
    List<String> keys = List.of("a", "b", "a", "c", "a", "b", "d", "a");
    ResultGrouper.Picked p = ResultGrouper.pick(keys.size(), 0, 2, 2, keys::get);
    assertEquals(List.of("a", "b"), List.copyOf(p.groups().keySet()), "groups ranked by their best hit; c and d are beyond k");
    assertEquals(List.of(0, 2), p.groups().get("a"));
    assertEquals(List.of(1, 5), p.groups().get("b"));
    assertTrue(p.hasMore());

    ResultGrouper.Picked next = ResultGrouper.pick(keys.size(), 2, 2, 2, keys::get);
    assertEquals(List.of("c", "d"), List.copyOf(next.groups().keySet()));
    assertEquals(List.of(3), next.groups().get("c"));
    assertFalse(next.hasMore());
  }

  @Test
  void readsOnOnlyUntilALaterGroupShows() {
    int[] calls = {0};
    ResultGrouper.Picked p = ResultGrouper.pick(100, 0, 1, 1, i -> {
      calls[0]++;
      return i < 3 ? "x" : "y";
    });
    assertEquals(List.of(0), p.groups().get("x"));
    assertTrue(p.hasMore());
    assertEquals(4, calls[0], "the walk stops at the first key of a group beyond the page");
  }

  /**
   * Pages walked with the returned offsets concatenate to the grouping of the whole list: the
   * same groups in the same order, each with the same hits, none repeated or skipped, and the
   * last page says there is no more.
   */
  @Test
  void pagesConcatenateToTheWholeGrouping(Random random) {
    for (int round = 0; round < 500; round++) {
      int size = random.nextInt(60);
      int distinct = 1 + random.nextInt(12);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        keys.add("g" + random.nextInt(distinct));
      }
      int perGroup = 1 + random.nextInt(4);
      int k = 1 + random.nextInt(5);
      Map<String, List<Integer>> whole = ResultGrouper.pick(size, 0, 1000, perGroup, keys::get).groups();
      Map<String, List<Integer>> walked = new LinkedHashMap<>();
      int offset = 0;
      while (true) {
        ResultGrouper.Picked page = ResultGrouper.pick(size, offset, k, perGroup, keys::get);
        page.groups().forEach((key, hits) -> assertEquals(null, walked.put(key, hits), "repeated group " + key));
        offset += page.groups().size();
        if (!page.hasMore()) {
          break;
        }
        assertEquals(k, page.groups().size(), "a page with more after it is full");
      }
      assertEquals(List.copyOf(whole.keySet()), List.copyOf(walked.keySet()), "group order, keys " + keys);
      assertEquals(whole, walked, "keys " + keys + ", k " + k + ", per group " + perGroup);
    }
  }
}
