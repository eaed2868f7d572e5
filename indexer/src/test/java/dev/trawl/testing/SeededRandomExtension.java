package dev.trawl.testing;

import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives tests reproducible randomness: injects {@link Random} and {@link SplittableRandom}
 * parameters seeded from one master seed, and on failure prints how to replay it.
 *
 * <p>The master seed is read from the system property {@value #SEED_PROPERTY} (hex with a {@code
 * 0x} prefix, decimal, or bare hex such as {@code DEADBEEF}); without it one is drawn per JVM.
 * Each parameter gets its own seed derived from the master seed, the test's unique id and the
 * parameter's position, so a test sees the same numbers whether it runs alone or in a suite. When
 * a test that received a generator fails, its exception carries a suppressed note, also printed to
 * stderr: {@code reproduce with -Dtests.seed=0x...}.
 *
 * <p>Use with {@code @ExtendWith(SeededRandomExtension.class)} and declare a {@code Random} or
 * {@code SplittableRandom} parameter on a test method (or a lifecycle method).
 */
public final class SeededRandomExtension
    implements ParameterResolver, TestExecutionExceptionHandler {
  /** The system property holding the master seed. */
  public static final String SEED_PROPERTY = "tests.seed";

  private static final long MASTER_SEED = readMasterSeed();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SeededRandomExtension.class);
  private static final String USED_KEY = "seed-used";

  /** The master seed of this JVM: {@value #SEED_PROPERTY} if set, else drawn once. */
  public static long masterSeed() {
    return MASTER_SEED;
  }

  private static long readMasterSeed() {
    String property = System.getProperty(SEED_PROPERTY);
    if (property == null || property.isBlank()) {
      return new SplittableRandom().nextLong();
    }
    return parseSeed(property);
  }

  /**
   * Reads a seed: {@code 0x}-prefixed hex, decimal (optionally negative), or bare hex.
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  public static long parseSeed(String text) {
    String s = text.strip();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      if (s.matches("-?\\d+")) {
        return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
      }
      if (s.matches("[0-9a-fA-F]+")) {
        return Long.parseUnsignedLong(s, 16);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("seed out of range: " + text, e);
    }
    throw new IllegalArgumentException(
        "cannot read seed '" + text + "': use 0x-prefixed hex, decimal, or bare hex");
  }

  /** The seed as {@code -Dtests.seed} accepts it back. */
  public static String formatSeed(long seed) {
    return String.format(Locale.ROOT, "0x%016X", seed);
  }

  /**
   * The seed of one generator: a mix of the master seed, the test's unique id and the
   * parameter's index. Stable across runs for the same master seed.
   */
  static long deriveSeed(long master, String uniqueId, int parameterIndex) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-16 units of the id
    for (int i = 0; i < uniqueId.length(); i++) {
      h ^= uniqueId.charAt(i);
      h *= 0x100000001b3L;
    }
    return new SplittableRandom(master ^ h ^ (parameterIndex * 0x9E3779B97F4A7C15L)).nextLong();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Random.class || type == SplittableRandom.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    long seed = deriveSeed(MASTER_SEED, context.getUniqueId(), parameter.getIndex());
    context.getStore(NAMESPACE).put(USED_KEY, Boolean.TRUE);
    return parameter.getParameter().getType() == Random.class
        ? new Random(seed)
        : new SplittableRandom(seed);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    // Stores are hierarchical: a generator given to a lifecycle method of the class counts too.
    if (context.getStore(NAMESPACE).get(USED_KEY) != null) {
      String note =
          "test "
              + context.getRequiredTestClass().getSimpleName()
              + " "
              + context.getDisplayName()
              + " failed with random input; reproduce with -D"
              + SEED_PROPERTY
              + "="
              + formatSeed(MASTER_SEED);
      System.err.println(note);
      failure.addSuppressed(new SeedNote(note));
    }
    throw failure;
  }

  /** Carries the replay hint in a failure's suppressed list; has no stack trace. */
  private static final class SeedNote extends RuntimeException {
    SeedNote(String message) {
      super(message, null, false, false);
    }
  }
}
