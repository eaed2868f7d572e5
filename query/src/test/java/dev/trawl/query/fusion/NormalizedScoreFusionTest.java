package dev.trawl.query.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NormalizedScoreFusionTest {

  @Test
  void minMaxNormalisesThenWeights() {
    // lexical scores 10, 5, 0 -> 1, 0.5, 0 ; vector 0.9, 0.7 -> 1, 0
    var lex = new RankedList(List.of("a", "b", "c"), new float[] {10, 5, 0}, 0.3);
    var vec = new RankedList(List.of("b", "d"), new float[] {0.9f, 0.7f}, 0.7);
    Map<String, Double> s = new NormalizedScoreFusion().fuse(List.of(lex, vec)).stream()
        .collect(Collectors.toMap(Fused::key, Fused::score));
    assertEquals(0.3, s.get("a"), 1e-9); // 0.3 * 1
    assertEquals(0.3 * 0.5 + 0.7, s.get("b"), 1e-6); // both lists
    assertEquals(0.0, s.get("c"), 1e-9);
    assertEquals(0.0, s.get("d"), 1e-6);
    assertEquals("b", new NormalizedScoreFusion().fuse(List.of(lex, vec)).get(0).key());
  }

  @Test
  void equalScoresNormaliseToOne() {
    var l = new RankedList(List.of("a", "b"), new float[] {2, 2}, 1.0);
    List<Fused> fused = new NormalizedScoreFusion().fuse(List.of(l));
    assertEquals(1.0, fused.get(0).score(), 1e-12);
    assertEquals(1.0, fused.get(1).score(), 1e-12);
  }
}
