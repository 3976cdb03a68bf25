package io.firebell.console.admin;

import io.quarkus.qute.TemplateExtension;

/** What the admin templates need beyond reading JSON: {@code {t.term.urlSegment}} for links. */
@TemplateExtension
public class AdminTemplateExtensions {

  private AdminTemplateExtensions() {}

  /** A text as one URL path segment ({@code scale out} → {@code scale%20out}). */
  static String urlSegment(String value) {
    return Urls.segment(value);
  }
}
