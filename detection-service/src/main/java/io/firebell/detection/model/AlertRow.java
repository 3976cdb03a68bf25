package io.firebell.detection.model;

import io.firebell.contracts.detection.AlertReceived;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The grouping consumer's working copy of one {@code alert} row: read with only the columns that
 * grouping decides on (no JSON), changed in memory by every copy of the alert in a batch, and
 * written back in bulk ({@code repository/AlertRowRepository}). The same source alert (fingerprint,
 * dedup_key, cycle key) re-sent any number of times is one row with a receive count. {@link Alert}
 * is the same row as the API reads it.
 */
public final class AlertRow {

  private final UUID id;
  private final UUID alertGroupId;
  private final String dedupKey;
  private final String sourceKind;
  private final boolean stored;
  private UUID integrationId;
  private AlertStatus status;
  private String severity;
  private String summary;
  private Instant startsAt;
  private Instant endsAt;
  private Instant firstReceivedAt;
  private Instant lastReceivedAt;
  private int receiveCount;
  private boolean changed;

  // The source's content; known (and written) only when this batch replaced it.
  private boolean contentChanged;
  private Long contentHash;
  private Map<String, String> labels;
  private Map<String, String> annotations;
  private Map<String, String> links;
  private Map<String, Object> details;
  private String generatorUrl;

  private AlertRow(UUID id, UUID alertGroupId, String dedupKey, String sourceKind, boolean stored) {
    this.id = id;
    this.alertGroupId = alertGroupId;
    this.dedupKey = dedupKey;
    this.sourceKind = sourceKind;
    this.stored = stored;
  }

  /** The first copy of an alert in its group: a new row. */
  public static AlertRow first(UUID groupId, AlertReceived a) {
    AlertRow row = new AlertRow(a.alertId(), groupId, a.dedupKey(), a.sourceKind(), false);
    row.integrationId = a.integrationId();
    row.firstReceivedAt = a.receivedAt();
    row.status = AlertStatus.FIRING;
    row.update(a);
    return row;
  }

  /** A row as stored. */
  public static AlertRow stored(
      UUID id,
      UUID alertGroupId,
      String dedupKey,
      String sourceKind,
      AlertStatus status,
      String severity,
      String summary,
      Instant startsAt,
      Instant endsAt,
      Instant lastReceivedAt,
      int receiveCount,
      Long contentHash) {
    AlertRow row = new AlertRow(id, alertGroupId, dedupKey, sourceKind, true);
    row.contentHash = contentHash;
    row.status = status;
    row.severity = severity;
    row.summary = summary;
    row.startsAt = startsAt;
    row.endsAt = endsAt;
    row.lastReceivedAt = lastReceivedAt;
    row.receiveCount = receiveCount;
    return row;
  }

  /**
   * Applies a re-send or a status change; returns the previous status. An older copy (received
   * before the last one) changes nothing but the count.
   */
  public AlertStatus update(AlertReceived a) {
    AlertStatus incoming = AlertStatus.fromWire(a.status());
    AlertStatus previous = status;
    receiveCount++;
    changed = true;
    if (lastReceivedAt != null && a.receivedAt().isBefore(lastReceivedAt)) {
      return previous;
    }
    lastReceivedAt = a.receivedAt();
    if (incoming == AlertStatus.ACKNOWLEDGED) {
      return previous;
    }
    status = incoming;
    severity = a.severity();
    summary = a.summary();
    if (!a.labels().isEmpty()) {
      long hash =
          ContentHash.of(a.labels(), a.annotations(), a.links(), a.details(), a.generatorUrl());
      if (contentHash == null || contentHash != hash) {
        contentChanged = true;
        contentHash = hash;
        labels = a.labels();
        annotations = a.annotations();
        links = a.links();
        details = a.details();
        generatorUrl = a.generatorUrl();
      }
    } else if (!stored && labels == null) {
      // A first copy without labels (a PagerDuty acknowledge/resolve without payload).
      contentChanged = true;
      labels = Map.of();
      annotations = a.annotations();
      links = a.links();
      details = a.details();
    }
    if (startsAt == null || (previous == AlertStatus.RESOLVED && incoming == AlertStatus.FIRING)) {
      startsAt = a.startsAt();
    }
    endsAt =
        incoming == AlertStatus.RESOLVED
            ? (a.endsAt() != null ? a.endsAt() : a.receivedAt())
            : null;
    return previous;
  }

  /** Stored and changed by this batch: to update. */
  public boolean toUpdate() {
    return stored && changed;
  }

  public boolean isStored() {
    return stored;
  }

  public UUID getId() {
    return id;
  }

  public UUID getAlertGroupId() {
    return alertGroupId;
  }

  public String getDedupKey() {
    return dedupKey;
  }

  public String getSourceKind() {
    return sourceKind;
  }

  public UUID getIntegrationId() {
    return integrationId;
  }

  public AlertStatus getStatus() {
    return status;
  }

  public String getSeverity() {
    return severity;
  }

  public String getSummary() {
    return summary;
  }

  public Instant getStartsAt() {
    return startsAt;
  }

  public Instant getEndsAt() {
    return endsAt;
  }

  public Instant getFirstReceivedAt() {
    return firstReceivedAt;
  }

  public Instant getLastReceivedAt() {
    return lastReceivedAt;
  }

  public int getReceiveCount() {
    return receiveCount;
  }

  public boolean isContentChanged() {
    return contentChanged;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public Map<String, String> getLinks() {
    return links;
  }

  public Map<String, Object> getDetails() {
    return details;
  }

  public String getGeneratorUrl() {
    return generatorUrl;
  }

  /** The hash of the stored (or, when changed, the new) content; null when not known. */
  public Long getContentHash() {
    return contentHash;
  }
}
