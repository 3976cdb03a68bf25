package io.firebell.incident.config;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/** The severity policy (prefix {@code firebell.incident}). */
@ConfigMapping(prefix = "firebell.incident")
public interface IncidentConfig {

  /** Grade given to a declaration that names none. */
  String defaultSeverity();

  /** Every grade and what it means, e.g. SEV1 → "Critical: …". */
  Map<String, String> severities();
}
