package io.firebell.detection.routing;

import java.util.List;
import java.util.Locale;

/** Firebell's four alert severities, and how the tools' words map to them. */
public enum Severity {
  INFO,
  WARNING,
  ERROR,
  CRITICAL;

  public static final List<String> WIRE = List.of("critical", "error", "warning", "info");

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity fromWire(String value) {
    return value == null ? null : parse(value);
  }

  /** A tool's severity word, or null when it is none Firebell knows. */
  public static Severity parse(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "critical", "crit", "page", "p1", "sev1", "sev-1", "disaster", "fatal", "emergency" ->
          CRITICAL;
      case "error", "err", "high", "major", "p2", "sev2", "sev-2", "alert" -> ERROR;
      case "warning", "warn", "medium", "minor", "average", "p3", "sev3", "sev-3" -> WARNING;
      case "info", "informational", "low", "none", "notice", "ok", "success", "p4", "p5", "sev4" ->
          INFO;
      default -> null;
    };
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  public static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
