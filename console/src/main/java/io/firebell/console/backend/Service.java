package io.firebell.console.backend;

/** The four services the console calls. */
public enum Service {
  DETECTION,
  INCIDENT,
  BROADCAST,
  REVIEW
}
