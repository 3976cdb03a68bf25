package io.firebell.console.updates;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time as a communicator types it under pressure, read as an instant in UTC: a full date and time
 * ({@code 2026-03-12 14:30}, with or without {@code T}, seconds, {@code Z} or an offset), a time of
 * day ({@code 14:30}: the next one to come), or a delay ({@code in 45 minutes}, {@code in 2
 * hours}). A plain text field rather than {@code datetime-local}, so that it can be typed (and read
 * back after a refusal) exactly as written, in every browser.
 */
final class RecoveryTime {

  static final String HOW =
      "Write a time in UTC, e.g. 2026-03-12 14:30, 14:30 or \"in 45 minutes\".";

  private static final Pattern DELAY =
      Pattern.compile(
          "(?:in\\s+)?(\\d{1,4})\\s*(m|min|mins|minute|minutes|h|hr|hrs|hour|hours)",
          Pattern.CASE_INSENSITIVE);

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendPattern("[' ']['T']")
          .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NEVER)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter TIME_OF_DAY =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NEVER)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .toFormatter(Locale.ROOT);

  private RecoveryTime() {}

  /** Thrown for a text that is no time this class reads. */
  static final class Unreadable extends RuntimeException {
    Unreadable(String text) {
      super("\"" + text + "\" is not a time we can read. " + HOW);
    }
  }

  /**
   * The instant {@code text} names, or null when it is blank.
   *
   * @throws Unreadable when it is not blank and not a time
   */
  static Instant parse(String text, Clock clock) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    Matcher delay = DELAY.matcher(t);
    if (delay.matches()) {
      long n = Long.parseLong(delay.group(1));
      Duration d =
          delay.group(2).toLowerCase(Locale.ROOT).startsWith("h")
              ? Duration.ofHours(n)
              : Duration.ofMinutes(n);
      return Instant.now(clock).plus(d).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }
    try {
      return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
    } catch (DateTimeException notWithOffset) {
      // a date and time without a zone, or a time of day: both are UTC
    }
    try {
      return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException notLocal) {
      // perhaps a time of day
    }
    try {
      LocalTime time = LocalTime.parse(t, TIME_OF_DAY);
      Instant now = Instant.now(clock);
      Instant today =
          LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(time).toInstant(ZoneOffset.UTC);
      return today.isAfter(now) ? today : today.plus(Duration.ofDays(1));
    } catch (DateTimeException notATime) {
      throw new Unreadable(t);
    }
  }
}
