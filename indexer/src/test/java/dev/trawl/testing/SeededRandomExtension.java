package dev.trawl.testing;

import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Injects a seeded {@link Random} into test methods and, when such a test fails, prints how to
 * replay it.
 *
 * <p>One master seed serves the whole JVM: the system property {@code tests.seed} (hex, as
 * printed, with or without {@code 0x}), or else a fresh random one. Each test method gets its own
 * {@code Random} seeded from the master seed and the method's unique id, so a test draws the same
 * values whatever ran before it. On failure the extension prints
 *
 * <pre>reproduce with -Dtests.seed=5A3C... (test: MyTest.myMethod)</pre>
 *
 * and rethrows. Usage: {@code @ExtendWith(SeededRandomExtension.class)} on the class, then a
 * {@code Random random} parameter on the test method.
 */
public final class SeededRandomExtension implements ParameterResolver, TestExecutionExceptionHandler {

  /** System property that fixes the master seed. */
  public static final String SEED_PROPERTY = "tests.seed";

  private static final long MASTER_SEED = masterSeed();

  private static long masterSeed() {
    String given = System.getProperty(SEED_PROPERTY);
    if (given == null || given.isBlank()) {
      return new SplittableRandom().nextLong();
    }
    String hex = given.strip().toLowerCase(Locale.ROOT);
    if (hex.startsWith("0x")) {
      hex = hex.substring(2);
    }
    try {
      return Long.parseUnsignedLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a hex number, was " + given, e);
    }
  }

  /** The master seed in the form {@code -Dtests.seed} accepts. */
  public static String masterSeedText() {
    return Long.toHexString(MASTER_SEED).toUpperCase(Locale.ROOT);
  }

  /** The seed of the current test: a mix of the master seed and the test's unique id. */
  static long testSeed(ExtensionContext context) {
    long h = MASTER_SEED;
    for (char c : context.getUniqueId().toCharArray()) {
      h = (h ^ c) * 0x100000001B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Random.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new Random(testSeed(context));
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    System.err.printf(
        "reproduce with -D%s=%s (test: %s.%s)%n",
        SEED_PROPERTY,
        masterSeedText(),
        context.getRequiredTestClass().getSimpleName(),
        context.getRequiredTestMethod().getName());
    throw failure;
  }
}
