package io.firebell.console.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URL pieces for the admin pages' calls and links. */
final class Urls {

  private Urls() {}

  /**
   * {@code value} as one path segment: {@code scale out} → {@code scale%20out}. (A form's {@code +}
   * for a space is a literal plus in a path.)
   */
  static String segment(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
