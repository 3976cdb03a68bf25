package io.firebell.incident.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The severity policy and the rollback-candidate window (prefix {@code firebell.incident}). */
@ConfigMapping(prefix = "firebell.incident")
public interface IncidentConfig {

  /** Grade given to a declaration that names none. */
  String defaultSeverity();

  /** Every grade and what it means, e.g. SEV1 → "Critical: …". */
  Map<String, String> severities();

  /**
   * Grade of an incident that detection-service asked for without naming one (a route that
   * auto-declares), by the alert group's severity ({@code critical}, {@code error}, {@code
   * warning}, {@code info}). A severity missing here gets {@link #defaultSeverity()}.
   */
  Map<String, String> autoDeclareSeverity();

  /**
   * How far before an incident's occurrence a change is a rollback candidate. Failures often
   * surface hours after a change, or when it first meets a nightly batch job: a day by default.
   */
  @WithDefault("PT24H")
  Duration rollbackWindow();

  /** The longest window a caller may ask for. */
  @WithDefault("P7D")
  Duration maxRollbackWindow();
}
