package dev.trawl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class SeededRandomExtensionTest {

  @Test
  void parsesHexDecimalAndBareHexSeeds() {
    assertEquals(0xDEADBEEFL, SeededRandomExtension.parseSeed("0xDEADBEEF"));
    assertEquals(0xDEADBEEFL, SeededRandomExtension.parseSeed("deadbeef"));
    assertEquals(1234L, SeededRandomExtension.parseSeed("1234"));
    assertEquals(-42L, SeededRandomExtension.parseSeed("-42"));
    assertEquals(-1L, SeededRandomExtension.parseSeed("0xFFFFFFFFFFFFFFFF"));
    assertEquals(-1L, SeededRandomExtension.parseSeed("18446744073709551615"));
    assertThrows(IllegalArgumentException.class, () -> SeededRandomExtension.parseSeed("xyz"));
    assertThrows(
        IllegalArgumentException.class, () -> SeededRandomExtension.parseSeed("0x1FFFFFFFFFFFFFFFF"));
  }

  @Test
  void formattedSeedParsesBack() {
    for (long seed : new long[] {0L, 1L, -1L, Long.MIN_VALUE, 0x1234_5678_9ABC_DEF0L}) {
      String text = SeededRandomExtension.formatSeed(seed);
      assertEquals(seed, SeededRandomExtension.parseSeed(text), text);
    }
  }

  @Test
  void derivedSeedsAreStableAndDistinct() {
    long a = SeededRandomExtension.deriveSeed(7L, "[class:X]/[method:a()]", 0);
    assertEquals(a, SeededRandomExtension.deriveSeed(7L, "[class:X]/[method:a()]", 0));
    assertNotEquals(a, SeededRandomExtension.deriveSeed(7L, "[class:X]/[method:b()]", 0));
    assertNotEquals(a, SeededRandomExtension.deriveSeed(7L, "[class:X]/[method:a()]", 1));
    assertNotEquals(a, SeededRandomExtension.deriveSeed(8L, "[class:X]/[method:a()]", 0));
  }

  @Test
  void injectsIndependentGenerators(Random random, SplittableRandom splittable, Random other) {
    // Same master seed and test id, different parameter index: different streams.
    assertNotEquals(random.nextLong(), other.nextLong());
    splittable.nextLong();
  }
}
