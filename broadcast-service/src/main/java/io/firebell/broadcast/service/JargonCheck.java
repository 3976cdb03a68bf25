package io.firebell.broadcast.service;

import io.firebell.broadcast.model.GlossaryTerm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds system terms of the glossary in a service-register text: whole words only (a term is not
 * found inside a longer word), case-insensitive, and a space inside a term also matches a hyphen or
 * several spaces ("scale out" finds "scale-out").
 */
public final class JargonCheck {

  private JargonCheck() {}

  /**
   * One system term found.
   *
   * @param term the glossary term
   * @param found the text as written
   * @param suggestion what to say instead
   * @param audience the audience whose text it is in
   * @param position the offset of the match in that text (0-based, in chars)
   */
  public record Finding(
      String term, String found, String suggestion, String audience, int position) {}

  public static List<Finding> check(String audience, String text, List<GlossaryTerm> glossary) {
    List<Finding> findings = new ArrayList<>();
    for (GlossaryTerm t : glossary) {
      Matcher m = pattern(t.term()).matcher(text);
      while (m.find()) {
        findings.add(new Finding(t.term(), m.group(), t.suggestion(), audience, m.start()));
      }
    }
    findings.sort(Comparator.comparingInt(Finding::position).thenComparing(Finding::term));
    return findings;
  }

  static Pattern pattern(String term) {
    StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
    String[] words = term.strip().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        regex.append("[\\s\\-]+");
      }
      regex.append(Pattern.quote(words[i]));
    }
    // Plurals are the same jargon: "pods", "timeouts", "APIs".
    regex.append("(?:e?s)?(?![\\p{L}\\p{N}])");
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
