package io.firebell.detection.routing;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager-style label matcher: {@code label = value}, {@code !=}, {@code =~} (regex, fully
 * anchored as in Alertmanager) or {@code !~}. A missing label matches as the empty string, so
 * {@code team!="x"} matches an alert without a team, as in Alertmanager.
 */
public record Matcher(String label, String op, String value) {

  public static final java.util.List<String> OPS = java.util.List.of("=", "!=", "=~", "!~");
  private static final java.util.regex.Pattern TEXT =
      java.util.regex.Pattern.compile(
          "^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\"\\s]*)\\s*$");

  public Matcher {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    if (!OPS.contains(op)) {
      throw new IllegalArgumentException("operator must be one of " + OPS);
    }
    if (op.endsWith("~")) {
      compile(value);
    }
  }

  /** Parses {@code service=~"order-.*"} (quotes optional). */
  public static Matcher parse(String text) {
    java.util.regex.Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a matcher: '" + text + "' (expected label=\"value\", !=, =~ or !~)");
    }
    String value = m.group(4) != null ? m.group(4).replaceAll("\\\\(.)", "$1") : m.group(3);
    return new Matcher(m.group(1), m.group(2), value);
  }

  static Pattern compile(String regex) {
    try {
      return Pattern.compile("^(?:" + regex + ")$");
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression '" + regex + "'");
    }
  }

  /** A compiled form for the hot path. */
  public Compiled compiled() {
    return new Compiled(this, op.endsWith("~") ? compile(value) : null);
  }

  @Override
  public String toString() {
    return label + op + "\"" + value.replace("\"", "\\\"") + "\"";
  }

  public record Compiled(Matcher matcher, Pattern pattern) {
    public boolean matches(Map<String, String> labels) {
      String actual = labels.getOrDefault(matcher.label(), "");
      return switch (matcher.op()) {
        case "=" -> actual.equals(matcher.value());
        case "!=" -> !actual.equals(matcher.value());
        case "=~" -> pattern.matcher(actual).matches();
        default -> !pattern.matcher(actual).matches();
      };
    }
  }
}
