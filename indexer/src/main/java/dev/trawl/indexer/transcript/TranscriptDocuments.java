package dev.trawl.indexer.transcript;

import dev.trawl.indexer.source.SourceDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns transcript chunks into Trawl documents, one per chunk, so BM25, vectors, ACL, filters,
 * fan-out and snippets work on them unchanged.
 *
 * <ul>
 *   <li>id {@code <meeting_id>#c<n>} ({@link TranscriptFields#chunkId});
 *   <li>title: with the context header, the meeting title (its id when it has none); without, "";
 *   <li>text: {@link TranscriptText#chunkText}, the {@code Speakers:} header line (when on) and
 *       one {@code [hh:mm:ss] Speaker: text} line per chunk line;
 *   <li>metadata: see {@link TranscriptFields}.
 * </ul>
 */
public final class TranscriptDocuments {
  private TranscriptDocuments() {}

  /**
   * @param transcript the normalised transcript the chunks come from
   * @param names its speaker names
   * @param header whether chunks carry the context header
   * @param acl principals allowed to see the meeting; empty for public
   */
  public static List<SourceDocument> of(Transcript transcript, SpeakerNames names, List<TranscriptChunk> chunks,
      boolean header, List<String> acl) {
    boolean timed = transcript.turns().stream().anyMatch(t -> t.start() != null);
    String title = header ? TranscriptText.title(transcript) : "";
    List<SourceDocument> docs = new ArrayList<>(chunks.size());
    for (TranscriptChunk c : chunks) {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put(TranscriptFields.TYPE, TranscriptFields.TYPE_TRANSCRIPT);
      meta.put(TranscriptFields.MEETING_ID, transcript.meetingId());
      if (!transcript.title().isEmpty()) {
        meta.put(TranscriptFields.TITLE, transcript.title());
      }
      if (!transcript.date().isEmpty()) {
        meta.put(TranscriptFields.DATE, transcript.date());
      }
      List<String> speakers = c.speakers();
      meta.put(TranscriptFields.SPEAKERS, speakers);
      Set<String> keys = new LinkedHashSet<>();
      for (String s : speakers) {
        keys.addAll(names.matchKeys(s));
      }
      meta.put(TranscriptFields.SPEAKER_KEYS, new ArrayList<>(keys));
      if (c.start() != null) {
        meta.put(TranscriptFields.START, c.start());
      }
      if (c.end() != null) {
        meta.put(TranscriptFields.END, c.end());
      }
      meta.put(TranscriptFields.CHUNK, c.index());
      meta.put(TranscriptFields.TURNS, c.lines().stream().map(ChunkLine::turn).toList());
      if (timed) {
        List<List<Double>> times = new ArrayList<>(c.lines().size());
        for (ChunkLine l : c.lines()) {
          times.add(Arrays.asList(l.start(), l.end()));
        }
        meta.put(TranscriptFields.TIMES, times);
      }
      docs.add(new SourceDocument(TranscriptFields.chunkId(transcript.meetingId(), c.index()), title,
          TranscriptText.chunkText(c, header), meta, acl));
    }
    return docs;
  }
}
