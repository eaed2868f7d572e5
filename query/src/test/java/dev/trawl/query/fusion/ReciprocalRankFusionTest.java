package dev.trawl.query.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

  private static RankedList list(String... keys) {
    return new RankedList(List.of(keys), new float[keys.length], 1.0);
  }

  @Test
  void sumsReciprocalRanksAcrossLists() {
    // a: 1/(60+1) + 1/(60+2) = 0.016393 + 0.016129 = 0.032522
    // b: 1/(60+2) + 1/(60+1) = same as a -> tie broken by key: a before b
    // c: 1/(60+3)            = 0.015873
    // d:            1/(60+3) = 0.015873 -> tie with c, c first
    List<Fused> fused = new ReciprocalRankFusion(60).fuse(List.of(list("a", "b", "c"), list("b", "a", "d")));
    assertEquals(List.of("a", "b", "c", "d"), fused.stream().map(Fused::key).toList());
    assertEquals(1.0 / 61 + 1.0 / 62, fused.get(0).score(), 1e-12);
    assertEquals(1.0 / 63, fused.get(3).score(), 1e-12);
  }

  @Test
  void documentFoundByBothBeatsOneFoundFirstByOnlyOne() {
    // x is 1st in list 1 only: 1/61 = 0.01639; y is 2nd in both: 2/62 = 0.03226
    List<Fused> fused = new ReciprocalRankFusion(60).fuse(List.of(list("x", "y"), list("z", "y")));
    assertEquals("y", fused.get(0).key());
  }

  @Test
  void weightsScaleContributions() {
    var heavy = new RankedList(List.of("a"), new float[1], 2.0);
    var light = new RankedList(List.of("b"), new float[1], 1.0);
    List<Fused> fused = new ReciprocalRankFusion(60).fuse(List.of(light, heavy));
    assertEquals("a", fused.get(0).key());
    assertEquals(2.0 / 61, fused.get(0).score(), 1e-12);
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    assertEquals(List.of(), new ReciprocalRankFusion(60).fuse(List.of(list(), list())));
  }

  @Test
  void rejectsNonPositiveK() {
    assertThrows(IllegalArgumentException.class, () -> new ReciprocalRankFusion(0));
  }
}
