package dev.trawl.indexer.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

  private final TokenCounter counter = new TokenCounter();

  private List<String> texts(String s) {
    return counter.tokens(s, 0, s.length()).stream().map(t -> t.of(s)).toList();
  }

  @Test
  void blankTextHasNoTokens() {
    assertEquals(0, counter.count(""));
    assertEquals(0, counter.count(" \n\t\u00A0 "));
  }

  @Test
  void punctuationIsSeparateAndJoinersStayInsideWords() {
    assertEquals(
        List.of("It", "doesn't", "matter", ",", "NF-kappaB", "rose", "24.7", "%", "(", "U.S", ".", ")"),
        texts("It doesn't matter, NF-kappaB rose 24.7% (U.S.)"));
  }

  @Test
  void joinerAtAWordEdgeIsItsOwnToken() {
    assertEquals(List.of("-", "well", "-", "'", "quoted", "'"), texts("-well- 'quoted'"));
  }

  @Test
  void nonLatinLettersCombiningMarksAndEmoji() {
    // "e" + combining acute accent stays one word; an emoji (a surrogate pair) is one token.
    assertEquals(List.of("Cafe\u0301", "東京", "\uD83D\uDE00", "ok"), texts("Cafe\u0301 東京 \uD83D\uDE00 ok"));
  }

  @Test
  void countsWithinARange() {
    String s = "one two, three";
    assertEquals(3, counter.count(s, 4, 14)); // "two" "," "three"
    assertEquals(2, counter.count(s, 4, 8)); // "two" ","
    assertEquals(1, counter.count(s, 5, 7)); // "wo"
  }

  @Test
  void countEqualsNumberOfTokenSpans() {
    String s = "A test: does it (really) work? Yes -- it does; 3.5 times.";
    assertEquals(counter.tokens(s, 0, s.length()).size(), counter.count(s));
  }
}
