package io.firebell.incident.rest;

import io.firebell.platform.problem.ProblemException;

/** Reads If-Match headers carrying the ETags this service hands out ({@code "<version>"}). */
final class IfMatch {

  private IfMatch() {}

  /** The version the caller expects, or null when it sent no If-Match (or {@code *}). */
  static Long version(String header) {
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return null;
    }
    String tag = header.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    tag = tag.replace("\"", "");
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      throw ProblemException.preconditionFailed(
          "If-Match " + header + " is not an ETag of this incident; GET it for the current one");
    }
  }
}
