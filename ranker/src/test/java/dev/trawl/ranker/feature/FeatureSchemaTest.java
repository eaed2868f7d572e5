package dev.trawl.ranker.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {
  private static Feature f(String name, int version) {
    return new Feature(name, version, "");
  }

  private final FeatureSchema current = new FeatureSchema(List.of(f("a", 1), f("b", 2), f("c", 1), f("d", 1)));

  @Test
  void aModelOnFewerFeaturesReadsThemByName() {
    // trained before c and d existed, and with its columns in another order
    FeatureSchema older = new FeatureSchema(List.of(f("b", 2), f("a", 1)));
    assertArrayEquals(new int[] {1, 0}, current.columnsFor(older, "the model"));
    assertArrayEquals(new int[] {0, 1, 2, 3}, current.columnsFor(current, "the model"));
  }

  @Test
  void refusesAFeatureThatChangedOrVanished() {
    FeatureSchemaMismatchException changed = assertThrows(FeatureSchemaMismatchException.class,
        () -> current.columnsFor(new FeatureSchema(List.of(f("a", 1), f("b", 1))), "the model"));
    assertTrue(changed.getMessage().contains("b changed definition: the model has b@1, Trawl computes b@2")
        && changed.getMessage().contains("trawl train"), changed.getMessage());
    FeatureSchemaMismatchException gone = assertThrows(FeatureSchemaMismatchException.class,
        () -> current.columnsFor(new FeatureSchema(List.of(f("a", 1), f("old_feature", 1))), "the model"));
    assertTrue(gone.getMessage().contains("old_feature@1 is not computed by this version of Trawl"),
        gone.getMessage());
  }
}
