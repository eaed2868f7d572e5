package dev.trawl.indexer.transcript;

import dev.trawl.indexer.chunk.ChunkingConfig;
import dev.trawl.indexer.chunk.Passage;
import dev.trawl.indexer.chunk.PassageChunker;
import dev.trawl.indexer.chunk.SentenceSplitter;
import dev.trawl.indexer.chunk.TokenCounter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Cuts a normalised transcript into {@link TranscriptChunk}s of consecutive turns.
 *
 * <p>Contract of {@link #chunk}, with budgets from {@link TranscriptChunking} counted by
 * {@link TokenCounter} over the rendered chunk ({@link TranscriptText}: title and header line when
 * the header is on, plus every line):
 *
 * <ol>
 *   <li><b>Long turns.</b> A turn that would not fit a chunk on its own is split at sentence
 *       boundaries ({@link SentenceSplitter}, OpenNLP) into pieces that do; a sentence longer than
 *       that is cut between tokens. Pieces keep the turn's index and times and are numbered by
 *       {@link ChunkLine#part()}.
 *   <li><b>Short turns.</b> A turn of at most {@code shortTurnTokens} tokens of text joins the
 *       unit of the turn before it (at the start of the meeting: the unit after it), unless that
 *       would overflow the budget. Units, not turns, are what chunks are cut between, so a reply
 *       such as "Yeah." is never a chunk, a chunk start or an overlap on its own.
 *   <li><b>Windows.</b> Units are packed greedily in order; a chunk is closed before the unit
 *       that would overflow it. With overlap on, the next chunk starts with the closed chunk's
 *       last unit when that unit is at most half the budget and fits with the next one. With
 *       windows off, every unit is one chunk.
 * </ol>
 *
 * <p>Always: every line of every kept turn is in some chunk, in order; chunk indexes run 0, 1,
 * 2, ...; a chunk exceeds the budget only if one unit alone does (a turn too long for a chunk
 * is split first, so that needs many speakers in one unit). Immutable and thread-safe.
 */
public final class TranscriptChunker {
  private final TranscriptChunking config;
  private final TokenCounter tokens;
  private final SentenceSplitter sentences;

  public TranscriptChunker(TranscriptChunking config) {
    this(config, new TokenCounter(), SentenceSplitter.english());
  }

  public TranscriptChunker(TranscriptChunking config, TokenCounter tokens, SentenceSplitter sentences) {
    this.config = Objects.requireNonNull(config, "config");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.sentences = Objects.requireNonNull(sentences, "sentences");
  }

  public TranscriptChunking config() {
    return config;
  }

  /** A run of lines that chunks never cut: a turn (or piece) with the short turns merged into it. */
  private final class Unit {
    final List<ChunkLine> lines = new ArrayList<>();
    final Set<String> speakers = new LinkedHashSet<>();
    int lineTokens;

    void add(ChunkLine l, int n) {
      lines.add(l);
      speakers.add(l.speaker());
      lineTokens += n;
    }
  }

  /** Chunks of {@code transcript}, whose turns should already be normalised ({@link TranscriptNormalizer}). */
  public List<TranscriptChunk> chunk(Transcript transcript) {
    int titleTokens = config.header() ? tokens.count(TranscriptText.title(transcript)) : 0;
    List<Unit> units = units(transcript, titleTokens);
    List<TranscriptChunk> chunks = new ArrayList<>();
    if (!config.windows()) {
      for (Unit u : units) {
        chunks.add(new TranscriptChunk(chunks.size(), u.lines));
      }
      return chunks;
    }
    List<Unit> open = new ArrayList<>();
    for (Unit u : units) {
      if (!open.isEmpty() && cost(titleTokens, open, u) > config.maxTokens()) {
        chunks.add(toChunk(chunks.size(), open));
        Unit last = open.get(open.size() - 1);
        open = new ArrayList<>();
        if (config.overlap() && cost(titleTokens, List.of(last)) <= config.maxTokens() / 2
            && cost(titleTokens, List.of(last), u) <= config.maxTokens()) {
          open.add(last);
        }
      }
      open.add(u);
    }
    if (!open.isEmpty()) {
      chunks.add(toChunk(chunks.size(), open));
    }
    return chunks;
  }

  private List<Unit> units(Transcript transcript, int titleTokens) {
    List<Unit> units = new ArrayList<>();
    List<ChunkLine> pending = new ArrayList<>(); // short turns before the first unit
    for (Turn t : transcript.turns()) {
      int textTokens = tokens.count(t.text());
      ChunkLine whole = new ChunkLine(t.index(), 0, t.speaker(), t.start(), t.end(), t.text());
      if (textTokens <= config.shortTurnTokens()) {
        Unit last = units.isEmpty() ? null : units.get(units.size() - 1);
        if (last != null && unitCost(titleTokens, last, whole) <= config.maxTokens()) {
          last.add(whole, lineTokens(whole));
          continue;
        }
        if (last == null) {
          pending.add(whole);
          continue;
        }
      }
      for (ChunkLine piece : pieces(t, titleTokens)) {
        Unit u = new Unit();
        if (!pending.isEmpty()) {
          for (ChunkLine p : pending) {
            u.add(p, lineTokens(p));
          }
          pending.clear();
        }
        u.add(piece, lineTokens(piece));
        units.add(u);
      }
    }
    if (!pending.isEmpty()) { // only short turns in the whole meeting
      Unit u = new Unit();
      for (ChunkLine p : pending) {
        u.add(p, lineTokens(p));
      }
      units.add(u);
    }
    return units;
  }

  /** The turn as one line, or as sentence-packed pieces when it would not fit a chunk alone. */
  private List<ChunkLine> pieces(Turn t, int titleTokens) {
    ChunkLine whole = new ChunkLine(t.index(), 0, t.speaker(), t.start(), t.end(), t.text());
    int fixed = titleTokens + headerTokens(List.of(t.speaker()))
        + tokens.count(TranscriptText.prefix(t.start(), t.speaker()));
    if (fixed + tokens.count(t.text()) <= config.maxTokens()) {
      return List.of(whole);
    }
    int budget = Math.max(ChunkingConfig.MIN_MAX_TOKENS, config.maxTokens() - fixed);
    PassageChunker splitter = new PassageChunker(new ChunkingConfig(budget, 0), sentences, tokens);
    List<ChunkLine> out = new ArrayList<>();
    for (Passage p : splitter.chunk(t.text())) {
      out.add(new ChunkLine(t.index(), out.size(), t.speaker(), t.start(), t.end(), p.text()));
    }
    return out;
  }

  private int lineTokens(ChunkLine l) {
    return tokens.count(TranscriptText.line(l));
  }

  private int headerTokens(Iterable<String> speakers) {
    if (!config.header()) {
      return 0;
    }
    List<String> list = new ArrayList<>();
    speakers.forEach(list::add);
    return tokens.count(TranscriptText.header(list));
  }

  private int unitCost(int titleTokens, Unit unit, ChunkLine extra) {
    Set<String> speakers = new LinkedHashSet<>(unit.speakers);
    speakers.add(extra.speaker());
    return titleTokens + headerTokens(speakers) + unit.lineTokens + lineTokens(extra);
  }

  private int cost(int titleTokens, List<Unit> units, Unit... more) {
    Set<String> speakers = new LinkedHashSet<>();
    int n = titleTokens;
    for (Unit u : units) {
      speakers.addAll(u.speakers);
      n += u.lineTokens;
    }
    for (Unit u : more) {
      speakers.addAll(u.speakers);
      n += u.lineTokens;
    }
    return n + headerTokens(speakers);
  }

  private static TranscriptChunk toChunk(int index, List<Unit> units) {
    List<ChunkLine> lines = new ArrayList<>();
    for (Unit u : units) {
      lines.addAll(u.lines);
    }
    return new TranscriptChunk(index, lines);
  }
}
