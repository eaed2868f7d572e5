package dev.trawl.ranker.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trawl.ranker.feature.FeatureSchema;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A trained reranker: the XGBoost model (JSON bytes, kept verbatim so outside tools can load the
 * saved file), the trees parsed from it, the feature schema it was trained on, and a free-form
 * description of how it was trained.
 *
 * @param schema the features, in the model's column order
 * @param xgboostJson the model as XGBoost saved it
 * @param training how it was made (data, objective, parameters, validation scores); may be empty
 */
public record RerankerModel(FeatureSchema schema, byte[] xgboostJson, JsonNode training) {
  public RerankerModel {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(xgboostJson, "xgboostJson");
    training = training == null ? JsonNodeFactory.instance.objectNode() : training;
  }

  /** Parses the trees (checks that the model and schema agree on the number of features). */
  public TreeEnsemble trees() {
    TreeEnsemble trees = TreeEnsemble.fromXgboostJson(xgboostJson);
    if (trees.numFeatures() != schema.size()) {
      throw new IllegalArgumentException("the model has " + trees.numFeatures() + " features but its schema lists "
          + schema.size());
    }
    return trees;
  }

  /** SHA-256 of the model bytes, hex. */
  public String sha256() {
    return sha256(xgboostJson);
  }

  /** A short identifier: {@code lambdamart-} and the first 10 hex digits of {@link #sha256()}. */
  public String tag() {
    return tagOf(xgboostJson);
  }

  /** The {@link #tag()} of the model whose XGBoost JSON is {@code xgboostJson}. */
  static String tagOf(byte[] xgboostJson) {
    return "lambdamart-" + sha256(xgboostJson).substring(0, 10);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
