package io.firebell.incident.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A change to production reported by CI/CD, an infrastructure or configuration tool, or a
 * responder. A change without a service is infra-wide: it may affect every service.
 */
@Entity
@Table(name = "change_event")
public class ChangeEvent {

  @Id private UUID id;
  private String kind;
  private String service;
  private String summary;
  private String version;

  @Column(name = "from_version")
  private String fromVersion;

  private String author;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  private String[] links;

  /** Who reported it: an integration's name or a person. */
  private String source;

  @Column(name = "received_at")
  private Instant receivedAt;

  protected ChangeEvent() {}

  /** What a tool or person reports about a change. */
  public record Report(
      ChangeKind kind,
      String service,
      String summary,
      String version,
      String fromVersion,
      String author,
      Instant occurredAt,
      List<String> links) {}

  public static ChangeEvent record(Report r, String source, Instant now) {
    ChangeEvent c = new ChangeEvent();
    c.id = UUID.randomUUID();
    c.kind = r.kind().wireName();
    c.service = r.service();
    c.summary = r.summary();
    c.version = r.version();
    c.fromVersion = r.fromVersion();
    c.author = r.author();
    c.occurredAt = r.occurredAt() == null ? now : r.occurredAt();
    c.links = r.links() == null ? new String[0] : r.links().toArray(String[]::new);
    c.source = source;
    c.receivedAt = now;
    return c;
  }

  public boolean isInfraWide() {
    return service == null;
  }

  public boolean isRollbackSafe() {
    return ChangeKind.fromWire(kind).rollbackSafe();
  }

  public UUID getId() {
    return id;
  }

  public String getKind() {
    return kind;
  }

  public String getService() {
    return service;
  }

  public String getSummary() {
    return summary;
  }

  public String getVersion() {
    return version;
  }

  public String getFromVersion() {
    return fromVersion;
  }

  public String getAuthor() {
    return author;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public List<String> getLinks() {
    return Arrays.asList(links.clone());
  }

  public String getSource() {
    return source;
  }

  public Instant getReceivedAt() {
    return receivedAt;
  }
}
