package dev.trawl.indexer.transcript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The speakers of one meeting, normalised.
 *
 * <ul>
 *   <li>Names that differ only in case or spacing are one speaker ({@link #key}). Its display
 *       name is the form the participants list gives, else the most frequent form in the turns
 *       (first seen on a tie); a name written all in capitals or all in lower case is shown in
 *       title case.
 *   <li>A one-word name that is the first word of exactly one multi-word name in the meeting
 *       (speakers and participants) is that person: {@code Sarah} becomes {@code Sarah Sachs}. With
 *       two Sarahs, {@code Sarah} stays as it is.
 *   <li>{@link #matchKeys} gives the lower-case forms a {@code speaker} filter matches: the full
 *       name, and its first word when that is unambiguous in the meeting.
 * </ul>
 *
 * <p>Immutable.
 */
public final class SpeakerNames {
  private final Map<String, String> display;
  private final Map<String, String> alias;
  private final Map<String, Integer> firstWordOwners;

  private SpeakerNames(Map<String, String> display, Map<String, String> alias, Map<String, Integer> firstWordOwners) {
    this.display = display;
    this.alias = alias;
    this.firstWordOwners = firstWordOwners;
  }

  /** The comparison key of a name: lower case, whitespace collapsed, trimmed. */
  public static String key(String name) {
    return TranscriptParser.collapse(name).toLowerCase(Locale.ROOT);
  }

  /** Learns the names of {@code transcript}'s speakers and participants. */
  public static SpeakerNames of(Transcript transcript) {
    Map<String, Map<String, Integer>> forms = new LinkedHashMap<>();
    Map<String, String> preferred = new HashMap<>();
    for (String p : transcript.participants()) {
      String form = TranscriptParser.collapse(p);
      if (!form.isEmpty()) {
        preferred.putIfAbsent(key(form), form);
        forms.computeIfAbsent(key(form), k -> new LinkedHashMap<>());
      }
    }
    for (Turn t : transcript.turns()) {
      String form = TranscriptParser.collapse(t.speaker());
      if (!form.isEmpty()) {
        forms.computeIfAbsent(key(form), k -> new LinkedHashMap<>()).merge(form, 1, Integer::sum);
      }
    }
    Map<String, String> display = new LinkedHashMap<>();
    forms.forEach((k, counts) -> {
      String best = preferred.get(k);
      if (best == null) {
        int bestCount = -1;
        for (var e : counts.entrySet()) {
          if (e.getValue() > bestCount) {
            best = e.getKey();
            bestCount = e.getValue();
          }
        }
      }
      display.put(k, titleCaseIfUniform(best));
    });
    Map<String, Integer> owners = new HashMap<>();
    Map<String, String> ownerKey = new HashMap<>();
    for (String k : display.keySet()) {
      String[] words = k.split(" ");
      if (words.length >= 2) {
        owners.merge(words[0], 1, Integer::sum);
        ownerKey.put(words[0], k);
      }
    }
    Map<String, String> alias = new HashMap<>();
    for (String k : display.keySet()) {
      if (!k.contains(" ") && owners.getOrDefault(k, 0) == 1) {
        alias.put(k, ownerKey.get(k));
      }
    }
    return new SpeakerNames(display, alias, owners);
  }

  /** The display name of the speaker written {@code name}. */
  public String canonical(String name) {
    String k = key(name);
    k = alias.getOrDefault(k, k);
    String d = display.get(k);
    return d != null ? d : TranscriptParser.collapse(name);
  }

  /** Lower-case forms a speaker filter matches for the speaker shown as {@code displayName}. */
  public List<String> matchKeys(String displayName) {
    String k = key(displayName);
    Set<String> keys = new LinkedHashSet<>();
    keys.add(k);
    String[] words = k.split(" ");
    if (words.length >= 2 && words[0].length() >= 2 && firstWordOwners.getOrDefault(words[0], 0) == 1
        && words[0].chars().allMatch(Character::isLetter)) {
      keys.add(words[0]);
    }
    return new ArrayList<>(keys);
  }

  /** {@code transcript} with every speaker and participant replaced by its display name. */
  public Transcript apply(Transcript transcript) {
    List<Turn> turns = new ArrayList<>(transcript.turns().size());
    for (Turn t : transcript.turns()) {
      turns.add(t.withSpeaker(canonical(t.speaker())));
    }
    Set<String> participants = new LinkedHashSet<>();
    for (String p : transcript.participants()) {
      participants.add(canonical(p));
    }
    return transcript.withTurns(turns).withParticipants(new ArrayList<>(participants));
  }

  private static String titleCaseIfUniform(String name) {
    boolean hasLetter = false;
    boolean allUpper = true;
    boolean allLower = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetter(c)) {
        hasLetter = true;
        allUpper &= Character.isUpperCase(c);
        allLower &= Character.isLowerCase(c);
      }
    }
    if (!hasLetter || !(allUpper || allLower) || name.length() <= 2) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length());
    boolean startOfWord = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      sb.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
      startOfWord = !Character.isLetterOrDigit(c);
    }
    return sb.toString();
  }
}
