package dev.trawl.indexer.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.sentdetect.ThreadSafeSentenceDetectorME;
import opennlp.tools.util.Span;

/**
 * Finds sentence boundaries in English text with OpenNLP's maximum-entropy sentence detector.
 *
 * <p>The model is {@value #ENGLISH_MODEL_RESOURCE}, read from the classpath root of the Maven
 * artifact {@code org.apache.opennlp:opennlp-models-sentdetect-en} (1.3.0); it is loaded once per
 * JVM, on first use of {@link #english()}, and nothing is downloaded.
 *
 * <p>Contract of {@link #split}: the returned spans are in order, do not overlap, start and end on
 * non-whitespace, and together cover every non-whitespace character of the text, so the text
 * between two consecutive spans is whitespace only. (OpenNLP's own spans are turned into cut
 * points to guarantee this.)
 *
 * <p>Thread-safe: OpenNLP's {@code SentenceDetectorME} is not, so each thread gets its own
 * detector over the shared, immutable model ({@link ThreadSafeSentenceDetectorME}).
 */
public final class SentenceSplitter {

  /** Classpath resource of the English sentence model. */
  public static final String ENGLISH_MODEL_RESOURCE = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

  private final ThreadSafeSentenceDetectorME detector;

  /** Uses the given OpenNLP sentence model. */
  public SentenceSplitter(SentenceModel model) {
    this.detector = new ThreadSafeSentenceDetectorME(model);
  }

  /** The shared splitter for English; loads the model on first call. */
  public static SentenceSplitter english() {
    return English.INSTANCE;
  }

  /** Sentence spans of {@code text}; empty if the text is blank. */
  public List<TextSpan> split(CharSequence text) {
    Span[] detected = detector.sentPosDetect(text);
    List<TextSpan> sentences = new ArrayList<>(detected.length + 1);
    int from = 0;
    for (Span span : detected) {
      // Each detected end becomes a cut; whatever OpenNLP left between spans joins a sentence.
      int cut = Math.max(from, Math.min(span.getEnd(), text.length()));
      addTrimmed(text, from, cut, sentences);
      from = cut;
    }
    addTrimmed(text, from, text.length(), sentences);
    return sentences;
  }

  private static void addTrimmed(CharSequence text, int start, int end, List<TextSpan> out) {
    while (start < end && TokenCounter.isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && TokenCounter.isSpace(text.charAt(end - 1))) {
      end--;
    }
    if (start < end) {
      out.add(new TextSpan(start, end));
    }
  }

  /** Holder idiom: the model is read when {@link #english()} is first called, exactly once. */
  private static final class English {
    static final SentenceSplitter INSTANCE = new SentenceSplitter(load());

    private static SentenceModel load() {
      try (InputStream in = SentenceSplitter.class.getClassLoader().getResourceAsStream(ENGLISH_MODEL_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "OpenNLP sentence model " + ENGLISH_MODEL_RESOURCE
                  + " is not on the classpath; it ships in org.apache.opennlp:opennlp-models-sentdetect-en");
        }
        return new SentenceModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + ENGLISH_MODEL_RESOURCE, e);
      }
    }
  }
}
