package io.firebell.console.admin;

import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.TemplateData;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One form of an admin page: what the person typed (kept when a submission is refused, never a
 * password or secret) and what is wrong, as a whole ({@link #problem()}) and per control ({@link
 * #error}). Controls are named as the service's API names the field, so a service's field error
 * lands next to its control.
 */
@TemplateData
public final class Form {

  /**
   * "url: 10.0.0.1 resolves to …": a problem whose detail names one field and says what is wrong.
   */
  private static final Pattern FIELD_DETAIL =
      Pattern.compile("^([A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?(?:\\.[A-Za-z0-9_]+)?): (.+)$");

  private final Map<String, String> typed = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();
  private String problem;
  private int status = 422;

  public static Form blank() {
    return new Form();
  }

  /** Keeps what was typed into {@code control} ({@code null} as empty). */
  public Form with(String control, String value) {
    typed.put(control, value == null ? "" : value);
    return this;
  }

  /** Keeps the checked values of a group of checkboxes named {@code control}. */
  public Form with(String control, List<String> values) {
    typed.put(control, values == null ? "" : String.join("\n", values));
    return this;
  }

  /** What is wrong with {@code control}; a second message is added to the first. */
  public Form error(String control, String message) {
    errors.merge(control, message, (a, b) -> a + " " + b);
    return this;
  }

  /** The words for the whole form (shown at its top). */
  public Form problem(String words) {
    this.problem = words;
    return this;
  }

  /**
   * A service refused the form: its words at the top, and each field's message next to the control
   * {@code controlOf} names for it (null: the field has no control here, its message is in the
   * words). A problem without field errors whose detail reads {@code field: message} is put next to
   * that field's control too. The page answers with the service's 403, 404 or 409, else 422.
   */
  public Form refusedBy(ServiceProblem p, Function<String, String> controlOf) {
    problem = p.words();
    status = p.status() == 403 || p.status() == 404 || p.status() == 409 ? p.status() : 422;
    Map<String, String> fields = p.fields();
    if (fields.isEmpty() && p.detail() != null) {
      Matcher m = FIELD_DETAIL.matcher(p.detail());
      if (m.matches()) {
        fields = Map.of(m.group(1), m.group(2));
      }
    }
    fields.forEach(
        (field, message) -> {
          String control = controlOf.apply(field);
          if (control != null) {
            error(control, message);
          }
        });
    return this;
  }

  /** {@link #refusedBy(ServiceProblem, Function)} with controls named as the API's fields. */
  public Form refusedBy(ServiceProblem p) {
    return refusedBy(p, Form::baseName);
  }

  /**
   * The control for an API field: {@code matchers[0]} → {@code matchers}, {@code a.b} → {@code a}.
   */
  public static String baseName(String field) {
    int cut = field.length();
    for (char c : new char[] {'[', '.'}) {
      int i = field.indexOf(c);
      if (i > 0 && i < cut) {
        cut = i;
      }
    }
    return field.substring(0, cut);
  }

  /** A text area's or comma list's entries: one per line or comma, trimmed, empty ones left out. */
  public static List<String> entries(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      Arrays.stream(text.split("[\\r\\n,]+"))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(out::add);
    }
    return out;
  }

  /**
   * Like {@link #entries} but one per line only (a matcher's regular expression may hold commas).
   */
  public static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      Arrays.stream(text.split("\\r?\\n"))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(out::add);
    }
    return out;
  }

  /**
   * A time a person typed in UTC as the API's instant: {@code 2026-03-12T10:00} (what a {@code
   * datetime-local} control sends) or {@code 2026-03-12 10:00} → {@code 2026-03-12T10:00:00Z}; a
   * full ISO instant or offset time is taken as it is. Null when it is none of these.
   */
  public static String utcInstant(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    String t = typed.trim().replace(' ', 'T');
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException notLocal) {
      try {
        return OffsetDateTime.parse(t).toInstant().toString();
      } catch (DateTimeParseException notOffset) {
        return null;
      }
    }
  }

  /** The sentence a page shows after a change ({@code ?done=<word>}), or null. */
  public static String notice(Map<String, String> sentences, String done) {
    return done == null ? null : sentences.get(done);
  }

  /** What the person typed into {@code control}, or empty. */
  public String value(String control) {
    return typed.getOrDefault(control, "");
  }

  /** Whether {@code value} is among what was typed (or checked) in {@code control}. */
  public boolean has(String control, String value) {
    return Arrays.asList(value(control).split("\n")).contains(value);
  }

  /** Whether the checkbox {@code control} was ticked. */
  public boolean on(String control) {
    String v = value(control);
    return v.equals("on") || v.equals("true");
  }

  public String error(String control) {
    return errors.get(control);
  }

  public boolean invalid(String control) {
    return errors.containsKey(control);
  }

  public String problem() {
    return problem;
  }

  /** Whether the form was refused (it has words or a field error to show). */
  public boolean refused() {
    return problem != null || !errors.isEmpty();
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public int status() {
    return status;
  }

  public Map<String, String> errors() {
    return errors;
  }
}
