package io.firebell.broadcast.service;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.List;

/**
 * What the public may see: components and incidents with their external updates only. Never an
 * internal title, a person, a war room or an internal-only update.
 *
 * @param indicator Statuspage's none, minor, major or critical
 * @param description the indicator in words, e.g. "All Systems Operational"
 */
@TemplateData
public record StatusPage(
    String name,
    String url,
    Instant updatedAt,
    String indicator,
    String description,
    List<Component> components,
    List<PublicIncident> open,
    List<PublicIncident> resolved) {

  /**
   * @param status operational, degraded_performance, partial_outage or major_outage
   */
  @TemplateData
  public record Component(String id, String name, String status, Instant updatedAt, int position) {

    public String label() {
      return switch (status) {
        case "major_outage" -> "Major outage";
        case "partial_outage" -> "Partial outage";
        case "degraded_performance" -> "Degraded performance";
        default -> "Operational";
      };
    }
  }

  /**
   * An incident as the public sees it.
   *
   * @param name a public name taken from the first external update, never the internal title
   * @param status investigating, identified, monitoring or resolved
   * @param impact Statuspage's none, minor, major or critical
   * @param startedAt when it started (occurrence, else declaration)
   * @param since the same, formatted for people
   * @param resolved the resolution time formatted for people, or null
   * @param updates the external updates, newest first
   */
  @TemplateData
  public record PublicIncident(
      String id,
      String name,
      String status,
      String impact,
      Instant startedAt,
      String since,
      Instant createdAt,
      Instant updatedAt,
      Instant monitoringAt,
      Instant resolvedAt,
      String resolved,
      List<String> components,
      List<PublicUpdate> updates) {

    public PublicUpdate latest() {
      return updates.get(0);
    }
  }

  /**
   * One external update as published: the structured fields and the service-register text.
   *
   * @param expectedRecovery formatted expected recovery time, or null when unknown
   * @param nextUpdate formatted time of the next update, or null
   */
  @TemplateData
  public record PublicUpdate(
      String id,
      String status,
      String impact,
      Instant expectedRecoveryAt,
      String expectedRecovery,
      Instant nextUpdateAt,
      String nextUpdate,
      List<String> followUpActions,
      String body,
      Instant at,
      String atText) {}
}
