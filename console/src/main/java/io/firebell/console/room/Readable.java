package io.firebell.console.room;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Words for the services' ISO-8601 values where a person reads them. */
final class Readable {

  private Readable() {}

  /**
   * An ISO-8601 duration as a person says it: {@code PT2H58M1.55S} → {@code 2 h 58 min}, {@code
   * P3DT2H} → {@code 3 d 2 h}, {@code P1DT2H} → {@code 26 h}, {@code PT45S} → {@code 45 s}. Seconds
   * count only under a minute. Anything that is not a duration comes back as it is.
   */
  static String duration(String iso) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    Duration d;
    try {
      d = Duration.parse(iso);
    } catch (DateTimeParseException e) {
      return iso;
    }
    if (d.isNegative()) {
      return "-" + duration(d.negated().toString());
    }
    // Days only from two on: "the 24 h before", "26 h before", "3 d before".
    long days = d.toDays() >= 2 ? d.toDays() : 0;
    long hours = days > 0 ? d.toHoursPart() : d.toHours();
    int minutes = d.toMinutesPart();
    if (days == 0 && hours == 0 && minutes == 0) {
      return d.toSecondsPart() + " s";
    }
    StringBuilder out = new StringBuilder();
    if (days > 0) {
      out.append(days).append(" d");
    }
    if (hours > 0) {
      out.append(out.isEmpty() ? "" : " ").append(hours).append(" h");
    }
    if (minutes > 0) {
      out.append(out.isEmpty() ? "" : " ").append(minutes).append(" min");
    }
    return out.toString();
  }

  /** An API word for a label: {@code scale_out} → {@code Scale out}. */
  static String label(String apiWord) {
    if (apiWord == null || apiWord.isBlank()) {
      return "";
    }
    String words = apiWord.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
