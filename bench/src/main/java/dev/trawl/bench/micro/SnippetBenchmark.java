package dev.trawl.bench.micro;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.query.snippet.Snippet;
import dev.trawl.query.snippet.SnippetSelector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link SnippetSelector#select} on ~400-token passages (SciFact abstracts joined to about 1,700
 * characters, ~4 characters a token) with the test queries' terms, at the default budget.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// One fork, 3 x 1 s warm-up, 5 x 1 s measurement: thousands of snippets a second; see LexicalSearchBenchmark.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SnippetBenchmark {
  static final int PAIRS = 101;

  /** Snippet budget in tokens (the agent API's default is 120). */
  @Param({"120"})
  public int maxTokens;

  private SnippetSelector selector;
  private String[] passages;
  private List<Set<String>> terms;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path data = SciFactData.dir();
    var corpus = SciFactData.corpus(data);
    List<String> queries = SciFactData.testQueries(data);
    selector = new SnippetSelector(TextAnalysis.englishAnalyzer(), IndexFields.CONTENTS);
    passages = new String[PAIRS];
    terms = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < PAIRS; i++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 1600) {
        sb.append(corpus.get(next++ % corpus.size()).text()).append(' ');
      }
      passages[i] = sb.toString().strip();
      terms.add(selector.queryTerms(queries.get(i % queries.size())));
    }
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public void select(Blackhole bh) {
    for (int i = 0; i < PAIRS; i++) {
      Snippet s = selector.select(passages[i], terms.get(i), maxTokens);
      bh.consume(s);
    }
  }
}
