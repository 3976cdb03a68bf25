package io.firebell.broadcast.model;

import io.firebell.contracts.broadcast.UpdatePublished;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A structured update published by a communicator: current status, impact in service language,
 * expected recovery (a time, or unknown with the time of the next update) and follow-up actions, as
 * rendered for each target audience.
 */
@Entity
@Table(name = "stakeholder_update")
public class StakeholderUpdate {

  public static final List<String> STATUSES =
      List.of("investigating", "identified", "monitoring", "resolved");

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private String status;
  private String impact;

  @Column(name = "expected_recovery_at")
  private Instant expectedRecoveryAt;

  @Column(name = "next_update_at")
  private Instant nextUpdateAt;

  @Column(name = "follow_up_actions")
  private String[] followUpActions;

  private String[] audiences;

  /** Whether any target audience was external: only such updates show on the status page. */
  private boolean external;

  private String author;
  private int recipients;

  /** Audience key → the text that audience was sent. */
  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> texts;

  @Column(name = "published_at")
  private Instant publishedAt;

  protected StakeholderUpdate() {}

  public StakeholderUpdate(
      UUID id,
      UUID incidentId,
      Draft draft,
      boolean external,
      String author,
      int recipients,
      Map<String, String> texts,
      Instant publishedAt) {
    this.id = id;
    this.incidentId = incidentId;
    this.status = draft.status();
    this.impact = draft.impact();
    this.expectedRecoveryAt = draft.expectedRecoveryAt();
    this.nextUpdateAt = draft.nextUpdateAt();
    this.followUpActions = draft.followUpActions().toArray(String[]::new);
    this.audiences = draft.audiences().toArray(String[]::new);
    this.external = external;
    this.author = author;
    this.recipients = recipients;
    this.texts = texts;
    this.publishedAt = publishedAt;
  }

  /** The event this update publishes. */
  public UpdatePublished published() {
    return new UpdatePublished(
        id,
        incidentId,
        status,
        impact,
        expectedRecoveryAt,
        nextUpdateAt,
        followUpActions(),
        audiences(),
        author,
        publishedAt);
  }

  /**
   * What a communicator writes, before it is checked and rendered.
   *
   * @param expectedRecoveryAt when service is expected back, or null when unknown
   * @param nextUpdateAt when recovery is unknown: when the next update comes, else null
   */
  public record Draft(
      String status,
      String impact,
      Instant expectedRecoveryAt,
      Instant nextUpdateAt,
      List<String> followUpActions,
      List<String> audiences) {

    public Draft {
      followUpActions = followUpActions == null ? List.of() : List.copyOf(followUpActions);
      audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }
  }

  public Draft draft() {
    return new Draft(
        status, impact, expectedRecoveryAt, nextUpdateAt, followUpActions(), audiences());
  }

  public UUID id() {
    return id;
  }

  public UUID incidentId() {
    return incidentId;
  }

  public String status() {
    return status;
  }

  public String impact() {
    return impact;
  }

  public Instant expectedRecoveryAt() {
    return expectedRecoveryAt;
  }

  public Instant nextUpdateAt() {
    return nextUpdateAt;
  }

  public List<String> followUpActions() {
    return List.of(followUpActions);
  }

  public List<String> audiences() {
    return List.of(audiences);
  }

  public boolean external() {
    return external;
  }

  public String author() {
    return author;
  }

  public int recipients() {
    return recipients;
  }

  public Map<String, String> texts() {
    return texts;
  }

  public Instant publishedAt() {
    return publishedAt;
  }
}
