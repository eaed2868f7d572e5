package dev.trawl.indexer.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a document's text into {@link Passage}s of whole sentences, each within a token budget.
 *
 * <p>Contract of {@link #chunk(String)}, with budgets from {@link ChunkingConfig} and tokens as
 * counted by {@link TokenCounter}:
 *
 * <ul>
 *   <li>blank text gives no passage;
 *   <li>text of at most {@code maxTokens} tokens gives one passage: the whole text, trimmed;
 *   <li>longer text is cut at sentence boundaries ({@link SentenceSplitter}) into passages of
 *       consecutive whole sentences of at most {@code maxTokens} tokens together; each passage
 *       after the first starts with the longest run of trailing sentences of the one before it
 *       that has at most {@code overlapTokens} tokens (and still leaves room for the next new
 *       sentence), so overlap is sentence-granular and may be empty;
 *   <li>a sentence longer than {@code maxTokens} is cut at token boundaries into windows of
 *       {@code maxTokens} tokens, consecutive windows sharing {@code overlapTokens} tokens; it
 *       shares no passage with its neighbouring sentences.
 * </ul>
 *
 * <p>Always: {@code text.substring(p.start(), p.end()).equals(p.text())}; passages start and end
 * on non-whitespace; indexes run 0, 1, 2, ...; starts strictly increase, ends strictly increase;
 * every non-whitespace character lies in some passage; every passage has at most {@code
 * maxTokens} tokens.
 *
 * <p>Immutable and thread-safe.
 */
public final class PassageChunker {

  private final ChunkingConfig config;
  private final SentenceSplitter sentences;
  private final TokenCounter tokens;

  /** English sentences, {@link TokenCounter} tokens. */
  public PassageChunker(ChunkingConfig config) {
    this(config, SentenceSplitter.english(), new TokenCounter());
  }

  /** Cuts with the given sentence splitter (for another language, say) and token counter. */
  public PassageChunker(ChunkingConfig config, SentenceSplitter sentences, TokenCounter tokens) {
    this.config = Objects.requireNonNull(config, "config");
    this.sentences = Objects.requireNonNull(sentences, "sentences");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /** The budgets this chunker cuts to. */
  public ChunkingConfig config() {
    return config;
  }

  /** Passages of {@code text}, in order; see the class comment for the contract. */
  public List<Passage> chunk(String text) {
    Objects.requireNonNull(text, "text");
    int start = 0;
    int end = text.length();
    while (start < end && TokenCounter.isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && TokenCounter.isSpace(text.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return List.of();
    }
    if (tokens.count(text, start, end) <= config.maxTokens()) {
      return List.of(new Passage(0, start, end, text.substring(start, end)));
    }
    return new Packing(text).run(sentences.split(text));
  }

  /** The state of cutting one text: the passages so far and the sentences of the open one. */
  private final class Packing {
    private final String text;
    private final List<Passage> out = new ArrayList<>();
    /** Sentences of the passage being built, and their token counts. */
    private final List<TextSpan> open = new ArrayList<>();
    private final List<Integer> openTokens = new ArrayList<>();
    private int openTotal;
    /** True while {@link #open} holds only sentences carried over as overlap. */
    private boolean openIsOverlapOnly;

    Packing(String text) {
      this.text = text;
    }

    List<Passage> run(List<TextSpan> sentenceSpans) {
      int max = config.maxTokens();
      for (TextSpan sentence : sentenceSpans) {
        int n = tokens.count(text, sentence.start(), sentence.end());
        if (n > max) {
          emitOpen();
          open.clear();
          openTokens.clear();
          openTotal = 0;
          splitLongSentence(sentence);
          continue;
        }
        if (openTotal + n > max) {
          emitOpen();
          keepOverlapRoomFor(n);
        }
        open.add(sentence);
        openTokens.add(n);
        openTotal += n;
        openIsOverlapOnly = false;
      }
      emitOpen();
      return out;
    }

    /** Emits the open passage unless it is empty or only repeats the previous one's tail. */
    private void emitOpen() {
      if (open.isEmpty() || openIsOverlapOnly) {
        return;
      }
      emit(open.get(0).start(), open.get(open.size() - 1).end());
    }

    /**
     * After an emit, keeps the longest tail of the open sentences that has at most {@code
     * overlapTokens} tokens and leaves room for a sentence of {@code next} tokens.
     */
    private void keepOverlapRoomFor(int next) {
      int budget = Math.min(config.overlapTokens(), config.maxTokens() - next);
      int keep = 0;
      int kept = 0;
      for (int i = open.size() - 1; i >= 0; i--) {
        int n = openTokens.get(i);
        if (kept + n > budget) {
          break;
        }
        kept += n;
        keep++;
      }
      int drop = open.size() - keep;
      open.subList(0, drop).clear();
      openTokens.subList(0, drop).clear();
      openTotal = kept;
      openIsOverlapOnly = true;
    }

    /** Windows of maxTokens tokens over one long sentence, overlapping by overlapTokens. */
    private void splitLongSentence(TextSpan sentence) {
      List<TextSpan> toks = tokens.tokens(text, sentence.start(), sentence.end());
      int max = config.maxTokens();
      int stride = max - config.overlapTokens();
      for (int first = 0; ; first += stride) {
        int last = Math.min(first + max, toks.size()) - 1;
        emit(toks.get(first).start(), toks.get(last).end());
        if (last == toks.size() - 1) {
          return;
        }
      }
    }

    private void emit(int start, int end) {
      out.add(new Passage(out.size(), start, end, text.substring(start, end)));
    }
  }
}
