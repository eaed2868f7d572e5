package dev.trawl.ranker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trawl.ranker.feature.Feature;
import dev.trawl.ranker.feature.FeatureSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path dir;

  /** A one-tree model over two features: feature 0 < 0.5 scores -1, else +1. */
  static byte[] stump() {
    return ("{\"learner\":{\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{\"trees\":[{"
        + "\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],\"split_indices\":[0,0,0],"
        + "\"split_conditions\":[0.5,-1.0,1.0],\"default_left\":[1,0,0],\"split_type\":[0,0,0]}]}},"
        + "\"learner_model_param\":{\"base_score\":\"[0E0]\",\"num_feature\":\"2\",\"num_target\":\"1\","
        + "\"num_class\":\"0\"}},\"version\":[3,4,0]}").getBytes(StandardCharsets.UTF_8);
  }

  static FeatureSchema twoFeatures() {
    return new FeatureSchema(List.of(new Feature("a", 1, "first"), new Feature("b", 1, "second")));
  }

  @Test
  void savesAndLoadsTheSameModel() throws Exception {
    RerankerModel model = new RerankerModel(twoFeatures(), stump(),
        JsonNodeFactory.instance.objectNode().put("target", "recall@100"));
    ModelStore.save(dir, model);
    RerankerModel back = ModelStore.load(dir).orElseThrow();
    assertArrayEquals(model.xgboostJson(), back.xgboostJson());
    assertTrue(back.schema().sameAs(model.schema()));
    assertEquals("recall@100", back.training().path("target").asText());
    TreeEnsemble trees = back.trees();
    assertArrayEquals(new float[] {-1f, 1f, -1f}, trees.predict(new float[] {0.2f, 9, 0.7f, 9, Float.NaN, 9}, 3, 2),
        "NaN takes the default (left) branch");
    try (var files = Files.list(dir.resolve(ModelStore.DIR))) {
      assertEquals(List.of(ModelStore.MODEL_FILE, ModelStore.SCHEMA_FILE),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left behind");
    }
  }

  @Test
  void noModelIsNotAnError() {
    assertTrue(ModelStore.load(dir).isEmpty());
  }

  @Test
  void refusesAModelThatIsNotTheOneItsSchemaDescribes() throws Exception {
    ModelStore.save(dir, new RerankerModel(twoFeatures(), stump(), null));
    byte[] other = new String(stump(), StandardCharsets.UTF_8).replace("0.5", "0.25")
        .getBytes(StandardCharsets.UTF_8);
    Files.write(ModelStore.modelFile(dir), other);
    IncompatibleModelException e = assertThrows(IncompatibleModelException.class, () -> ModelStore.load(dir));
    assertTrue(e.getMessage().contains("is not the model"), e.getMessage());
    Files.delete(ModelStore.schemaFile(dir));
    e = assertThrows(IncompatibleModelException.class, () -> ModelStore.load(dir));
    assertTrue(e.getMessage().contains("has no reranker.schema.json"), e.getMessage());
  }

  @Test
  void refusesASchemaWhoseFeatureCountDiffersFromTheTrees() {
    FeatureSchema three = new FeatureSchema(List.of(new Feature("a", 1, ""), new Feature("b", 1, ""),
        new Feature("c", 1, "")));
    RerankerModel model = new RerankerModel(three, stump(), null);
    assertThrows(IllegalArgumentException.class, model::trees);
  }

  @Test
  void savingKeepsThePreviousModelAndRestoringOrRemovingCanBeUndone() throws Exception {
    RerankerModel first = new RerankerModel(twoFeatures(), stump(), null);
    RerankerModel second = new RerankerModel(twoFeatures(), new String(stump(), StandardCharsets.UTF_8)
        .replace("0.5", "0.25").getBytes(StandardCharsets.UTF_8), null);
    assertEquals(Optional.empty(), ModelStore.save(dir, first), "nothing to keep yet");
    assertFalse(Files.exists(ModelStore.previousFolder(dir)));
    assertEquals(Optional.of(first.tag()), ModelStore.save(dir, second));
    assertEquals(Optional.of(second.tag()), ModelStore.tag(ModelStore.folder(dir)));
    assertEquals(Optional.of(first.tag()), ModelStore.tag(ModelStore.previousFolder(dir)));
    assertEquals(first.tag(), ModelStore.loadFolder(ModelStore.previousFolder(dir)).orElseThrow().tag(),
        "previous/ is a complete models folder (eval --model reads it)");

    assertEquals(first.tag(), ModelStore.restorePrevious(dir));
    assertEquals(first.tag(), ModelStore.load(dir).orElseThrow().tag());
    assertEquals(second.tag(), ModelStore.loadFolder(ModelStore.previousFolder(dir)).orElseThrow().tag());
    assertEquals(second.tag(), ModelStore.restorePrevious(dir), "restoring again undoes the restore");

    assertEquals(Optional.of(second.tag()), ModelStore.remove(dir));
    assertTrue(ModelStore.load(dir).isEmpty(), "removed: searches serve hybrid order");
    assertFalse(Files.exists(ModelStore.schemaFile(dir)));
    assertEquals(Optional.empty(), ModelStore.remove(dir), "nothing left to remove");
    assertEquals(second.tag(), ModelStore.restorePrevious(dir), "a removal is undone by a restore");
    assertTrue(Files.notExists(ModelStore.previousFolder(dir).resolve(ModelStore.MODEL_FILE)),
        "there was no model before the restore, so none is kept");
    IllegalStateException none = assertThrows(IllegalStateException.class, () -> ModelStore.restorePrevious(dir));
    assertTrue(none.getMessage().startsWith("no previous model"), none.getMessage());
  }
}
