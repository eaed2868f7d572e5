package dev.trawl.indexer.chunk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link TokenCounter}'s documented claim honest: on ordinary English prose its count is
 * within a few percent of OpenNLP's {@code TokenizerME} with the English UD model.
 */
class TokenizerMEAgreementTest {

  /** Prose written for this test: narrative, numbers, hyphens, contractions, quotes, lists. */
  private static final String[] PARAGRAPHS = {
    "The harbour was quiet when the ferry came in, a little after seven. Nobody on the pier"
        + " seemed to notice it; the fishermen were busy with their nets, and the café by the"
        + " steps hadn't opened yet. Maria checked the timetable again: the 7:15 to the island"
        + " was listed, but the 8:40 was marked \"cancelled\" in red ink.",
    "Our survey covered 1,204 households in three districts (north, centre and south). About"
        + " 62.5% reported using the new bus line at least once a week, up from 41% a year"
        + " earlier. Respondents who didn't use it gave two main reasons: the first departure is"
        + " too late for early shifts, and the stops are far from the older housing estates.",
    "To install the tool, download the archive, unpack it and run the setup script. If the"
        + " script can't find a compatible runtime, it prints the versions it looked for and"
        + " exits. You'll then need to set the path yourself, e.g. by editing your shell's"
        + " profile, before trying again.",
    "Dr. Okafor's team measured well-known side-effects over a 12-week follow-up. Patients in"
        + " the treatment arm slept better, felt less tired and, on average, walked 1.3 km more"
        + " per day than those given a placebo. The authors caution that the trial was small and"
        + " that longer studies are needed.",
  };

  @Test
  void countIsWithinFivePercentOfTokenizerME() throws IOException {
    TokenizerModel model;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin")) {
      model = new TokenizerModel(in);
    }
    TokenizerME reference = new TokenizerME(model);
    TokenCounter counter = new TokenCounter();
    long expected = 0;
    long actual = 0;
    for (String paragraph : PARAGRAPHS) {
      int e = reference.tokenize(paragraph).length;
      int a = counter.count(paragraph);
      assertTrue(Math.abs(a - e) <= Math.max(3, e / 10), "paragraph differs too much: " + a + " vs " + e + ": " + paragraph);
      expected += e;
      actual += a;
    }
    double relative = Math.abs(actual - expected) / (double) expected;
    assertTrue(relative <= 0.05, "total " + actual + " vs TokenizerME " + expected);
  }
}
