package io.firebell.review.model;

import io.firebell.contracts.review.ActionItemCreated;
import io.firebell.contracts.review.ActionItemOverdue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A prevention measure: short-term (a day or two), mid- or long-term, with an owner and a due date.
 */
@Entity
@Table(name = "action_item")
public class ActionItem {

  public static final List<String> KINDS =
      List.of(
          "monitoring_alerting",
          "config",
          "code",
          "review_process",
          "deploy_process",
          "architecture",
          "legacy_removal",
          "other");
  public static final List<String> HORIZONS = List.of("short", "mid", "long");
  public static final List<String> STATUSES = List.of("open", "in_progress", "done", "cancelled");

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private String title;
  private String kind;
  private String horizon;
  private String owner;

  @Column(name = "due_at")
  private Instant dueAt;

  private String status;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "overdue_notified_at")
  private Instant overdueNotifiedAt;

  /** A stop-gap keeps the symptom away until the root-cause fix ({@link #rootFixId}) is done. */
  @Column(name = "stop_gap")
  private boolean stopGap;

  @Column(name = "root_fix_id")
  private UUID rootFixId;

  @Version
  @Column(name = "row_version")
  private long rowVersion;

  protected ActionItem() {}

  public record Created(ActionItem item, ActionItemCreated event) {}

  public static Created create(
      UUID incidentId,
      String title,
      String kind,
      String horizon,
      String owner,
      Instant dueAt,
      boolean stopGap,
      UUID rootFixId,
      String actor,
      Instant now) {
    ActionItem item = new ActionItem();
    item.id = UUID.randomUUID();
    item.incidentId = incidentId;
    item.title = title;
    item.kind = kind;
    item.horizon = horizon;
    item.owner = owner;
    item.dueAt = dueAt;
    item.status = "open";
    item.createdBy = actor;
    item.createdAt = now;
    item.updatedAt = now;
    item.stopGap = stopGap || rootFixId != null;
    item.rootFixId = rootFixId;
    return new Created(
        item,
        new ActionItemCreated(item.id, incidentId, title, kind, horizon, owner, dueAt, actor, now));
  }

  /**
   * Applies the given changes (null = unchanged). Moving the due date later re-arms the overdue
   * notice.
   */
  public void update(
      String title,
      String kind,
      String horizon,
      String owner,
      Instant dueAt,
      String status,
      Instant now) {
    if (title != null) {
      this.title = title;
    }
    if (kind != null) {
      this.kind = kind;
    }
    if (horizon != null) {
      this.horizon = horizon;
    }
    if (owner != null) {
      this.owner = owner;
    }
    if (dueAt != null) {
      if (dueAt.isAfter(this.dueAt)) {
        overdueNotifiedAt = null;
      }
      this.dueAt = dueAt;
    }
    if (status != null) {
      this.status = status;
    }
    updatedAt = now;
  }

  /**
   * Marks or unmarks the item as a stop-gap (null: unchanged) and links the root-cause fix that
   * must follow (null: unchanged). Linking a root fix makes the item a stop-gap; unmarking drops
   * the link.
   */
  public void stopGap(Boolean marked, UUID rootFix, Instant now) {
    if (Boolean.FALSE.equals(marked)) {
      stopGap = false;
      rootFixId = null;
    } else if (Boolean.TRUE.equals(marked)) {
      stopGap = true;
    }
    if (rootFix != null) {
      stopGap = true;
      rootFixId = rootFix;
    }
    updatedAt = now;
  }

  public boolean isStopGap() {
    return stopGap;
  }

  public UUID getRootFixId() {
    return rootFixId;
  }

  public boolean isDone() {
    return "done".equals(status);
  }

  public boolean isOpen() {
    return !"done".equals(status) && !"cancelled".equals(status);
  }

  public boolean isOverdue(Instant now) {
    return isOpen() && dueAt.isBefore(now);
  }

  /** The overdue notice, once per item (per due date): null when there is nothing to announce. */
  public ActionItemOverdue overdue(Instant now) {
    if (!isOverdue(now) || overdueNotifiedAt != null) {
      return null;
    }
    overdueNotifiedAt = now;
    return new ActionItemOverdue(id, incidentId, title, horizon, owner, status, dueAt, now);
  }

  public UUID getId() {
    return id;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public String getTitle() {
    return title;
  }

  public String getKind() {
    return kind;
  }

  public String getHorizon() {
    return horizon;
  }

  public String getOwner() {
    return owner;
  }

  public Instant getDueAt() {
    return dueAt;
  }

  public String getStatus() {
    return status;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getRowVersion() {
    return rowVersion;
  }
}
