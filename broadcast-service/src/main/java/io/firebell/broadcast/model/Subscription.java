package io.firebell.broadcast.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint listening to an audience. Empty filters match everything; a non-empty domain or
 * service filter matches an incident that shares at least one; a minimum severity matches that
 * grade and the more severe ones (SEV1 is the most severe); a kind filter matches an incident of
 * one of those kinds (detection methods: system_alarm, business_metric, cs_inquiry, partner_report,
 * external_integration, employee, manual).
 */
@Entity
@Table(name = "subscription")
public class Subscription {

  @Id private UUID id;

  @Column(name = "audience_key")
  private String audienceKey;

  @Column(name = "endpoint_id")
  private UUID endpointId;

  private String[] domains;
  private String[] services;

  @Column(name = "min_severity")
  private String minSeverity;

  private String[] kinds;

  @Column(name = "created_at")
  private Instant createdAt;

  protected Subscription() {}

  public Subscription(
      UUID id,
      String audienceKey,
      UUID endpointId,
      List<String> domains,
      List<String> services,
      String minSeverity,
      List<String> kinds,
      Instant now) {
    this.id = id;
    this.audienceKey = audienceKey;
    this.endpointId = endpointId;
    this.domains = domains.toArray(String[]::new);
    this.services = services.toArray(String[]::new);
    this.minSeverity = minSeverity;
    this.kinds = kinds.toArray(String[]::new);
    this.createdAt = now;
  }

  public UUID id() {
    return id;
  }

  public String audienceKey() {
    return audienceKey;
  }

  public UUID endpointId() {
    return endpointId;
  }

  public List<String> domains() {
    return domains == null ? List.of() : List.of(domains);
  }

  public List<String> services() {
    return services == null ? List.of() : List.of(services);
  }

  public String minSeverity() {
    return minSeverity;
  }

  /** The kinds of incident (detection methods) listened to; empty: every kind. */
  public List<String> kinds() {
    return kinds == null ? List.of() : List.of(kinds);
  }

  public Instant createdAt() {
    return createdAt;
  }
}
