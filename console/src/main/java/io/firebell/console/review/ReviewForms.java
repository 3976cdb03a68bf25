package io.firebell.console.review;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the report page's forms send, turned into what review-service's API takes: lines into lists,
 * a date into the instant it ends, a local start into an instant, and the API's field names back
 * into the form's controls. The rules themselves stay in review-service; a value the console cannot
 * even read is refused here with the words the person needs.
 */
final class ReviewForms {

  /** A value a person typed that the console cannot read, for the control it concerns. */
  static final class Unreadable extends RuntimeException {
    private final String control;

    Unreadable(String control, String message) {
      super(message);
      this.control = control;
    }

    String control() {
      return control;
    }
  }

  private static final Pattern FIGURE =
      Pattern.compile("\\s*([^:=]+?)\\s*[:=]\\s*(-?[0-9][0-9_,]*(?:\\.[0-9]+)?)\\s*");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

  private ReviewForms() {}

  /** The non-blank lines of a text area, trimmed, in order. */
  static List<String> lines(String text) {
    if (text == null) {
      return List.of();
    }
    return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  /** Addresses separated by commas, semicolons, spaces or lines. */
  static List<String> addresses(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split("[,;\\s]+")).filter(a -> !a.isBlank()).toList();
  }

  /**
   * Named figures, one per line as {@code name: number} or {@code name = number} (thousands
   * separators allowed): {@code failedOrders: 1,200}.
   */
  static Map<String, Number> figures(String text, String control) {
    Map<String, Number> figures = new LinkedHashMap<>();
    for (String line : lines(text)) {
      Matcher m = FIGURE.matcher(line);
      if (!m.matches()) {
        throw new Unreadable(
            control, "Write one figure per line as name: number, e.g. failedOrders: 1200.");
      }
      String number = m.group(2).replace(",", "").replace("_", "");
      // Not a conditional expression: it would widen a whole number to a double (1200.0).
      if (number.contains(".")) {
        figures.put(m.group(1), Double.parseDouble(number));
      } else {
        figures.put(m.group(1), Long.parseLong(number));
      }
    }
    return figures;
  }

  /** The text area's lines for figures as the report has them. */
  static String figuresText(Map<String, ?> figures) {
    StringBuilder s = new StringBuilder();
    figures.forEach((k, v) -> s.append(k).append(": ").append(v).append('\n'));
    return s.toString();
  }

  /** A due date (yyyy-mm-dd) as the last second of that day, UTC; null when left empty. */
  static Instant dueAt(String date, String control) {
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(date.trim(), DATE).atTime(LocalTime.of(23, 59, 59)).toInstant(UTC);
    } catch (DateTimeParseException e) {
      throw new Unreadable(control, "Give the due date as a date, e.g. 2026-12-31.");
    }
  }

  /** The date part (UTC) of an ISO instant, for a date control. */
  static String date(String iso) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    try {
      return DATE.format(Instant.parse(iso).atZone(UTC));
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  /**
   * A preferred start typed as a local date and time ({@code 2026-12-08T10:00}, what a
   * datetime-local control sends) in a named time zone; null when left empty.
   */
  static Instant start(String local, String zone, String control, String zoneControl) {
    if (local == null || local.isBlank()) {
      return null;
    }
    ZoneId z;
    try {
      z = ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone.trim());
    } catch (DateTimeException e) {
      throw new Unreadable(
          zoneControl, "Name a time zone such as UTC or Asia/Seoul (region/city).");
    }
    try {
      return LocalDateTime.parse(local.trim()).atZone(z).toInstant();
    } catch (DateTimeParseException e) {
      throw new Unreadable(control, "Give a date and a time, e.g. 2026-12-08T10:00.");
    }
  }

  /** An ISO instant shown in a time zone: {@code 2026-12-07 10:00 (Asia/Seoul)}. */
  static String local(String iso, String zone) {
    if (iso == null || zone == null) {
      return "";
    }
    try {
      return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
              .format(Instant.parse(iso).atZone(ZoneId.of(zone)))
          + " ("
          + zone
          + ")";
    } catch (DateTimeException e) {
      return "";
    }
  }

  /**
   * Which why of the form an API field concerns: {@code whys[2].answer} → the third why sent, and
   * its part ({@code answer}); null when the field is not about one why.
   */
  record WhyField(int index, String part) {}

  private static final Pattern WHY_FIELD = Pattern.compile("whys\\[(\\d+)]\\.(\\w+).*");

  static WhyField whyField(String apiField) {
    Matcher m = WHY_FIELD.matcher(apiField == null ? "" : apiField);
    return m.matches() ? new WhyField(Integer.parseInt(m.group(1)), m.group(2)) : null;
  }

  /** {@code contributingFactors[0].<list element>} → {@code contributingFactors}. */
  static String baseField(String apiField) {
    if (apiField == null) {
      return "";
    }
    int cut = apiField.length();
    for (char c : new char[] {'[', '.'}) {
      int i = apiField.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return apiField.substring(0, cut);
  }

  /** The API's per-field messages gathered under the form's own field names. */
  static Map<String, String> byBaseField(Map<String, String> apiFields) {
    Map<String, String> errors = new LinkedHashMap<>();
    apiFields.forEach((f, m) -> errors.merge(baseField(f), m, (a, b) -> a + " " + b));
    return errors;
  }

  private static final Pattern WARNING_PLACE =
      Pattern.compile(
          "^(whys\\[(\\d+)]\\.answer|contributingFactors\\[(\\d+)]|cause|impactSummary) says");

  /**
   * A blameless-language warning with the place it names in words: {@code whys[2].answer says
   * "human error": …} → {@code Why 2's answer says "human error": …} (review-service counts whys
   * from 1 and contributing factors from 0).
   */
  static String warning(String warning) {
    if (warning == null) {
      return "";
    }
    Matcher m = WARNING_PLACE.matcher(warning);
    if (!m.find()) {
      return warning;
    }
    String place;
    if (m.group(2) != null) {
      place = "Why " + m.group(2) + "'s answer";
    } else if (m.group(3) != null) {
      place = "Contributing factor " + (Integer.parseInt(m.group(3)) + 1);
    } else if (m.group(1).equals("cause")) {
      place = "The cause";
    } else {
      place = "The impact summary";
    }
    return place + warning.substring(m.end(1));
  }

  /**
   * Adds what a meeting form typed to a request for a review (a booking or an escalation): the
   * preferred start in its time zone and the extra attendees, each only when given.
   */
  static Map<String, Object> meeting(
      Map<String, Object> body, String start, String zone, String attendees) {
    Instant preferred = start(start, zone, "start", "zone");
    if (preferred != null) {
      body.put("preferredStart", preferred.toString());
    }
    List<String> extra = addresses(attendees);
    if (!extra.isEmpty()) {
      body.put("attendees", extra);
    }
    return body;
  }

  /**
   * The escalation of a team review ({@code POST /v1/reviews/{id}/escalate}): the reason is
   * required, so an empty one is refused here in words, before review-service is asked.
   */
  static Map<String, Object> escalation(
      String reason, String start, String zone, String attendees) {
    if (reason == null || reason.isBlank()) {
      throw new Unreadable(
          "reason",
          "Say why this incident needs an organisation-wide review, e.g. three domains were hit.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason.trim());
    return meeting(body, start, zone, attendees);
  }

  /**
   * A meeting request's refusal under the form's controls: {@code preferredStart} is the start; a
   * 409 with no field while a start was chosen (the slot is not allowed or not free) is about the
   * start too.
   */
  static Map<String, String> meetingErrors(
      int status, Map<String, String> apiFields, String words, String start) {
    Map<String, String> errors = new LinkedHashMap<>();
    byBaseField(apiFields)
        .forEach(
            (field, message) ->
                errors.merge(
                    switch (field) {
                      case "preferredStart", "startsAt" -> "start";
                      default -> field;
                    },
                    message,
                    (a, b) -> a + " " + b));
    if (status == 409 && start != null && !start.isBlank() && errors.isEmpty()) {
      errors.put("start", words);
    }
    return errors;
  }

  /** The stop-gap choice of an action item: not one, one whose root fix is no item yet, or one. */
  static final String NOT_A_STOP_GAP = "none";

  static final String ROOT_FIX_MISSING = "missing";

  /** The stop-gap control's value for an item as stored. */
  static String stopGapChoice(boolean stopGap, String rootFixId) {
    if (!stopGap) {
      return NOT_A_STOP_GAP;
    }
    return rootFixId == null || rootFixId.isBlank() ? ROOT_FIX_MISSING : rootFixId;
  }

  /**
   * What an item's update sends for the stop-gap control, only when it changed from what the page
   * showed: {@code none} → {@code stopGap: false}, {@code missing} → {@code stopGap: true}, an
   * item's id → {@code rootFixId} (which makes it a stop-gap of that item).
   */
  static void putStopGap(Map<String, Object> body, String choice, String shown) {
    if (choice == null || choice.isBlank() || choice.trim().equals(shown == null ? "" : shown)) {
      return;
    }
    switch (choice.trim()) {
      case NOT_A_STOP_GAP -> body.put("stopGap", false);
      case ROOT_FIX_MISSING -> body.put("stopGap", true);
      default -> body.put("rootFixId", choice.trim());
    }
  }

  /** Words for a review meeting's kind. */
  static String meetingKind(String kind) {
    if (kind == null) {
      return "";
    }
    return switch (kind) {
      case "team" -> "Team review";
      case "org_wide" -> "Org-wide review";
      default -> kind.replace('_', ' ') + " review";
    };
  }

  /** Words for an action item's horizon. */
  static String horizon(String horizon) {
    if (horizon == null) {
      return "";
    }
    return switch (horizon) {
      case "short" -> "Short term";
      case "mid" -> "Mid term";
      case "long" -> "Long term";
      default -> horizon;
    };
  }

  static final ZoneOffset UTC = ZoneOffset.UTC;

  /** Lines joined for a text area. */
  static String text(List<String> lines) {
    return String.join("\n", new ArrayList<>(lines));
  }
}
