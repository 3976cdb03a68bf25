package io.firebell.review.model;

import io.firebell.contracts.review.ReportDrafted;
import io.firebell.contracts.review.ReportPublished;
import io.firebell.platform.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * An incident report. The facts (times, detection, where, recovery, timeline) come from events;
 * people add the cause, the 5 Whys and the prevention measures, then publish a version.
 */
@Entity
@Table(name = "report")
public class Report {

  public static final String DRAFT = "draft";
  public static final String PUBLISHED = "published";

  @Id
  @Column(name = "incident_id")
  private UUID incidentId;

  private String status;

  @Column(name = "published_version")
  private int publishedVersion;

  private String cause;

  @Column(name = "cause_category")
  private String causeCategory;

  @Column(name = "contributing_factors")
  private String[] contributingFactors = new String[0];

  @Column(name = "impact_summary")
  private String impactSummary;

  @Column(name = "affected_stakeholders")
  private String[] affectedStakeholders = new String[0];

  /** JSON object of named figures, e.g. {"failedOrders": 1200}. */
  @Column(name = "impact_figures")
  private String impactFigures = "{}";

  @Column(name = "drafted_at")
  private Instant draftedAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by")
  private String updatedBy;

  @Column(name = "published_at")
  private Instant publishedAt;

  @Column(name = "published_by")
  private String publishedBy;

  @Version
  @Column(name = "row_version")
  private long rowVersion;

  protected Report() {}

  /** A new draft and the event that announces it. */
  public record Drafted(Report report, ReportDrafted event) {}

  public static Drafted draft(IncidentFact fact, String url, Instant now) {
    Report report = new Report();
    report.incidentId = fact.getIncidentId();
    report.status = DRAFT;
    report.draftedAt = now;
    report.updatedAt = now;
    report.impactSummary = fact.getImpactScope();
    ReportDrafted event =
        new ReportDrafted(
            fact.getIncidentId(),
            fact.getTitle(),
            fact.getSeverity(),
            fact.getServices(),
            fact.getOccurredAt(),
            fact.getDetectedAt(),
            fact.getResolvedAt(),
            url,
            now);
    return new Drafted(report, event);
  }

  /** What people may write into a report; null leaves a field as it is. */
  public record Amendment(
      String cause,
      String causeCategory,
      List<String> contributingFactors,
      String impactSummary,
      List<String> affectedStakeholders,
      String impactFiguresJson) {}

  public void amend(Amendment a, String actor, Instant now) {
    if (a.cause() != null) {
      cause = a.cause();
    }
    if (a.causeCategory() != null) {
      causeCategory = a.causeCategory();
    }
    if (a.contributingFactors() != null) {
      contributingFactors = a.contributingFactors().toArray(String[]::new);
    }
    if (a.impactSummary() != null) {
      impactSummary = a.impactSummary();
    }
    if (a.affectedStakeholders() != null) {
      affectedStakeholders = a.affectedStakeholders().toArray(String[]::new);
    }
    if (a.impactFiguresJson() != null) {
      impactFigures = a.impactFiguresJson();
    }
    touched(actor, now);
  }

  /**
   * Adds the audiences broadcast-service delivered to (in the order they were first reached) to the
   * affected stakeholders, keeping what people wrote; a published report stays as published.
   *
   * @return whether anything was added
   */
  public boolean stakeholdersReached(List<String> audiences) {
    if (!DRAFT.equals(status)) {
      return false;
    }
    LinkedHashSet<String> all = new LinkedHashSet<>(List.of(affectedStakeholders));
    boolean added = all.addAll(audiences);
    affectedStakeholders = all.toArray(String[]::new);
    return added;
  }

  /** Any change after publication makes the report a draft of its next version. */
  public void touched(String actor, Instant now) {
    status = DRAFT;
    updatedAt = now;
    updatedBy = actor;
  }

  /**
   * Freezes the next version. A report is publishable once it names a cause and a cause category
   * and has a 5-Whys chain whose every answer is verified.
   */
  public ReportPublished publish(
      IncidentFact fact, List<Why> whys, String url, String actor, Instant now) {
    List<String> missing = new ArrayList<>();
    if (cause == null || cause.isBlank()) {
      missing.add("cause");
    }
    if (causeCategory == null || causeCategory.isBlank()) {
      missing.add("causeCategory");
    }
    if (whys.isEmpty()) {
      missing.add("whys (at least one)");
    }
    if (!missing.isEmpty()) {
      throw ProblemException.unprocessable(
          "the report cannot be published without " + String.join(", ", missing));
    }
    List<Integer> unverified =
        whys.stream().filter(w -> !w.isVerified()).map(Why::getPosition).toList();
    if (!unverified.isEmpty()) {
      throw ProblemException.unprocessable(
          "every answer of the 5 Whys must be verified before publishing; unverified: "
              + unverified.stream().map(p -> "why #" + p).toList());
    }
    if (fact.getResolvedAt() == null) {
      throw ProblemException.unprocessable("the incident is not resolved yet");
    }
    publishedVersion++;
    status = PUBLISHED;
    publishedAt = now;
    publishedBy = actor;
    updatedAt = now;
    return new ReportPublished(
        incidentId,
        publishedVersion,
        fact.getTitle(),
        fact.getSeverity(),
        fact.getServices(),
        cause,
        causeCategory,
        url,
        actor,
        now);
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public String getStatus() {
    return status;
  }

  public int getPublishedVersion() {
    return publishedVersion;
  }

  public String getCause() {
    return cause;
  }

  public String getCauseCategory() {
    return causeCategory;
  }

  public List<String> getContributingFactors() {
    return List.of(contributingFactors);
  }

  public String getImpactSummary() {
    return impactSummary;
  }

  public List<String> getAffectedStakeholders() {
    return List.of(affectedStakeholders);
  }

  public String getImpactFigures() {
    return impactFigures;
  }

  public Instant getDraftedAt() {
    return draftedAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public Instant getPublishedAt() {
    return publishedAt;
  }

  public String getPublishedBy() {
    return publishedBy;
  }

  public long getRowVersion() {
    return rowVersion;
  }
}
