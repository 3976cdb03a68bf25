package io.firebell.detection.model;

import io.firebell.contracts.detection.PageAcknowledged;
import io.firebell.contracts.detection.PageEscalated;
import io.firebell.contracts.detection.PageSent;
import io.firebell.platform.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One notification of one person at one escalation level. Its timers ({@code deliverAt}, {@code
 * escalatesAt}) are columns, so the scheduler of any instance, after any restart, finds what is
 * due.
 */
@Entity
@Table(name = "page")
public class Page {

  @Id private UUID id;

  @Column(name = "alert_group_id")
  private UUID alertGroupId;

  private String domain;

  @Column(name = "policy_id")
  private UUID policyId;

  private int level;
  private int round;
  private String person;

  @Column(name = "schedule_id")
  private UUID scheduleId;

  private String severity;
  private String summary;

  @Convert(converter = PageStatus.Column.class)
  private PageStatus status;

  @Column(name = "deliver_at")
  private Instant deliverAt;

  private int attempts;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(name = "escalates_at")
  private Instant escalatesAt;

  @Column(name = "ack_timeout_seconds")
  private Integer ackTimeoutSeconds;

  @Column(name = "acknowledged_at")
  private Instant acknowledgedAt;

  @Column(name = "escalated_at")
  private Instant escalatedAt;

  @Column(name = "next_page_id")
  private UUID nextPageId;

  @Column(name = "created_at")
  private Instant createdAt;

  protected Page() {}

  /**
   * A page to deliver now. {@code ackTimeout} is null when no level follows (nothing to escalate
   * to).
   */
  public static Page create(
      AlertGroup group,
      UUID policy,
      int level,
      int round,
      String person,
      UUID schedule,
      Duration ackTimeout,
      Instant now) {
    Page p = new Page();
    p.id = UUID.randomUUID();
    p.alertGroupId = group.getId();
    p.domain = group.getDomain();
    p.policyId = policy;
    p.level = level;
    p.round = round;
    p.person = person;
    p.scheduleId = schedule;
    p.severity = group.getSeverity();
    p.summary = group.getSummary();
    p.status = PageStatus.PENDING;
    p.deliverAt = now;
    p.ackTimeoutSeconds = ackTimeout == null ? null : (int) ackTimeout.toSeconds();
    p.createdAt = now;
    return p;
  }

  /** The webhook accepted the page: it is sent, and its escalation timer starts. */
  public PageSent delivered(Instant now) {
    status = PageStatus.SENT;
    sentAt = now;
    attempts++;
    escalatesAt = ackTimeoutSeconds == null ? null : now.plusSeconds(ackTimeoutSeconds);
    return sent();
  }

  public PageSent sent() {
    return new PageSent(
        id,
        alertGroupId,
        domain,
        level,
        round,
        person,
        scheduleId,
        severity,
        summary,
        sentAt,
        escalatesAt);
  }

  /** A failed delivery: retried with backoff; true when attempts are exhausted. */
  public boolean deliveryFailed(String error, int maxAttempts, Instant now) {
    attempts++;
    lastError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
    if (attempts >= maxAttempts) {
      status = PageStatus.FAILED;
      escalatesAt = now; // nobody was reached: escalate at once
      return true;
    }
    deliverAt = now.plusSeconds(Math.min(60, 1L << attempts));
    return false;
  }

  public PageAcknowledged acknowledge(String by, Instant now) {
    if (!person.equals(by)) {
      throw ProblemException.forbidden("page " + id + " was sent to someone else");
    }
    if (status == PageStatus.ACKNOWLEDGED) {
      return null;
    }
    if (status != PageStatus.SENT) {
      throw ProblemException.conflict(
          "the page is " + status.wire() + "; it cannot be acknowledged");
    }
    status = PageStatus.ACKNOWLEDGED;
    acknowledgedAt = now;
    escalatesAt = null;
    return new PageAcknowledged(id, alertGroupId, domain, level, person, sentAt, now);
  }

  public PageEscalated escalated(Page next, Instant now) {
    status = PageStatus.ESCALATED;
    escalatedAt = now;
    escalatesAt = null;
    nextPageId = next == null ? null : next.id;
    return new PageEscalated(
        id,
        alertGroupId,
        domain,
        level,
        next == null ? level : next.level,
        next == null ? round : next.round,
        person,
        nextPageId,
        sentAt,
        now);
  }

  /** The group was acknowledged, dismissed or resolved: stop this page's timer. */
  public void cancel() {
    if (status == PageStatus.PENDING || status == PageStatus.SENT || status == PageStatus.FAILED) {
      status =
          status == PageStatus.PENDING || status == PageStatus.FAILED
              ? PageStatus.CANCELLED
              : status;
      escalatesAt = null;
    }
  }

  public void exhausted() {
    escalatesAt = null;
  }

  public UUID getId() {
    return id;
  }

  public UUID getAlertGroupId() {
    return alertGroupId;
  }

  public String getDomain() {
    return domain;
  }

  public UUID getPolicyId() {
    return policyId;
  }

  public int getLevel() {
    return level;
  }

  public int getRound() {
    return round;
  }

  public String getPerson() {
    return person;
  }

  public UUID getScheduleId() {
    return scheduleId;
  }

  public String getSeverity() {
    return severity;
  }

  public String getSummary() {
    return summary;
  }

  public PageStatus getStatus() {
    return status;
  }

  public Instant getDeliverAt() {
    return deliverAt;
  }

  public int getAttempts() {
    return attempts;
  }

  public String getLastError() {
    return lastError;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public Instant getEscalatesAt() {
    return escalatesAt;
  }

  public Instant getAcknowledgedAt() {
    return acknowledgedAt;
  }

  public Instant getEscalatedAt() {
    return escalatedAt;
  }

  public UUID getNextPageId() {
    return nextPageId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
