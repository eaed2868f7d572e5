package dev.trawl.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionTest {
  @Test
  void nearestPrefersCaseThenOneEditThenTwo() {
    List<String> fields = List.of("date", "meeting_id", "team", "type");
    assertEquals("type", Suggestion.nearest("typ", fields));
    assertEquals("type", Suggestion.nearest("tpye", fields), "a transposition is one edit");
    assertEquals("type", Suggestion.nearest("Type", fields), "case alone");
    assertEquals("meeting_id", Suggestion.nearest("meetng_di", fields), "two edits on a long name");
    assertNull(Suggestion.nearest("tyxx", fields), "two edits are too many on a short name");
    assertNull(Suggestion.nearest("type", fields), "the name itself is no suggestion");
    assertNull(Suggestion.nearest("owner", fields));
    assertEquals("meeting", Suggestion.nearest("meetings", List.of("meeting", "meeting_id")), "first among equals");
    assertNull(Suggestion.nearest("y", List.of("z", "Y")), "no suggestions for one or two characters");
  }

  @Test
  void didYouMeanReadsAsAnAside() {
    assertEquals(" (did you mean 'type'?)", Suggestion.didYouMean("type"));
    assertEquals("", Suggestion.didYouMean(null));
  }
}
