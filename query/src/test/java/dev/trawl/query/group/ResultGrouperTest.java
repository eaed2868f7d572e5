package dev.trawl.query.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultGrouperTest {
  @Test
  void picksBestHitsPerGroupInFusedOrder() {
    //                   0    1    2    3    4    5    6    7
    List<String> keys = List.of("a", "b", "a", "c", "a", "b", "d", "a");
    Map<String, List<Integer>> g = ResultGrouper.pick(keys.size(), 2, 2, keys::get);
    assertEquals(List.of("a", "b"), List.copyOf(g.keySet()), "groups ranked by their best hit; c and d are beyond k");
    assertEquals(List.of(0, 2), g.get("a"));
    assertEquals(List.of(1, 5), g.get("b"));
  }

  @Test
  void stopsWhenKGroupsAreFull() {
    int[] calls = {0};
    Map<String, List<Integer>> g = ResultGrouper.pick(100, 1, 1, i -> {
      calls[0]++;
      return "x";
    });
    assertEquals(List.of(0), g.get("x"));
    assertEquals(1, calls[0], "no group key is read after the last group is full");
  }
}
