package dev.trawl.bench.micro;

import dev.trawl.query.fusion.Fusion;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.fusion.RankedList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reciprocal-rank and normalised linear fusion of two ranked lists (a lexical and a vector list)
 * that share half their keys, as in a hybrid search at depth ~1000.
 */
// Time per fusion call: one call per hybrid search.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// One fork, 3 x 1 s warm-up, 5 x 1 s measurement: a call takes well under a millisecond, so each
// second holds thousands of calls; more forks would only add minutes on a shared machine.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FusionBenchmark {
  /** Length of each list; odd. */
  @Param({"1001"})
  public int size;

  /** Fusion method name, as the API spells it (a String: JMH params cannot be enums of another jar here). */
  @Param({"rrf", "linear"})
  public String method;

  private List<RankedList> lists;
  private Fusion fusion;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(17);
    // Keys 0..size-1 in the first list, size/2 .. size/2+size-1 in the second: half overlap.
    lists = List.of(list(random, 0), list(random, size / 2));
    fusion = Fusion.of(FusionMethod.parse(method));
  }

  private RankedList list(SplittableRandom random, int firstKey) {
    List<String> keys = new ArrayList<>(size);
    float[] scores = new float[size];
    float s = 30f;
    for (int i = 0; i < size; i++) {
      keys.add("doc-" + (firstKey + i));
      s -= (float) random.nextDouble(0.02);
      scores[i] = s;
    }
    return new RankedList(keys, scores, 1.0);
  }

  /** Returned so that JMH consumes the result. */
  @Benchmark
  public List<Fused> fuse() {
    return fusion.fuse(lists);
  }
}
