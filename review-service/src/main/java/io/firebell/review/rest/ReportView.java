package io.firebell.review.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.review.model.ActionItem;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.Report;
import io.firebell.review.model.ReportCorrection;
import io.firebell.review.model.TimelineEntry;
import io.firebell.review.model.Why;
import io.firebell.review.service.LearningService;
import io.firebell.review.service.ReportBundle;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An incident report as the API shows it: the facts (with reviewers' corrections applied), what
 * people wrote, the 5 Whys, the action items and the merged timeline.
 */
public record ReportView(
    UUID incidentId,
    String reference,
    String title,
    String status,
    int publishedVersion,
    long version,
    Facts facts,
    String impactSummary,
    List<String> affectedStakeholders,
    Map<String, Object> impactFigures,
    String cause,
    String causeCategory,
    List<String> contributingFactors,
    List<WhyView> whys,
    List<ActionItemView> actionItems,
    List<TimelineView> timeline,
    List<CorrectionView> corrections,
    Instant draftedAt,
    Instant updatedAt,
    String updatedBy,
    Instant publishedAt,
    String publishedBy,
    List<String> blamelessWarnings,
    @Schema(
            description =
                "Set when detection lagged occurrence by more than firebell.review.detection-lag-threshold or customers found the incident first: the lag, the reasons and a suggested monitoring action item; null when monitoring caught it in time")
        LearningService.Flag detectionGap) {

  /** The facts of §1.5 of the process: when, how found, where, how recovered. */
  public record Facts(
      String severity,
      List<String> services,
      List<String> domains,
      String component,
      String detectionMethod,
      Instant occurredAt,
      Instant detectedAt,
      Instant declaredAt,
      Instant acknowledgedAt,
      Instant mitigatedAt,
      Instant resolvedAt,
      Instant closedAt,
      List<String> recoveryMethods,
      String commander,
      String warRoomUrl,
      Long secondsToDetect,
      Long secondsToResolve) {}

  public record WhyView(
      int position,
      String question,
      String answer,
      List<String> evidence,
      boolean verified,
      boolean customerSymptom) {}

  public record TimelineView(
      Instant at, String source, String kind, String summary, String actor) {}

  public record CorrectionView(
      String field, String value, String reason, String correctedBy, Instant correctedAt) {}

  static ReportView of(ReportBundle b, ObjectMapper mapper, Duration detectionLagThreshold) {
    IncidentFact f = b.fact();
    Report r = b.report();
    Map<String, String> fixed = new HashMap<>();
    b.corrections().forEach(c -> fixed.put(c.getField(), c.getValue()));
    Instant occurred = time(fixed, "occurredAt", f.getOccurredAt());
    Instant detected = time(fixed, "detectedAt", f.getDetectedAt());
    Instant resolved = time(fixed, "resolvedAt", f.getResolvedAt());
    Facts facts =
        new Facts(
            fixed.getOrDefault("severity", f.getSeverity()),
            f.getServices(),
            f.getDomains(),
            fixed.getOrDefault("component", f.getComponent()),
            fixed.getOrDefault("detectionMethod", f.getDetectionMethod()),
            occurred,
            detected,
            f.getDeclaredAt(),
            time(fixed, "acknowledgedAt", f.getAcknowledgedAt()),
            time(fixed, "mitigatedAt", f.getMitigatedAt()),
            resolved,
            f.getClosedAt(),
            f.getRecoveryMethods(),
            f.getCommander(),
            f.getWarRoomUrl(),
            occurred == null || detected == null
                ? null
                : detected.getEpochSecond() - occurred.getEpochSecond(),
            occurred == null || resolved == null
                ? null
                : resolved.getEpochSecond() - occurred.getEpochSecond());
    return new ReportView(
        f.getIncidentId(),
        f.getReference(),
        f.getTitle(),
        r.getStatus(),
        r.getPublishedVersion(),
        r.getRowVersion(),
        facts,
        r.getImpactSummary(),
        r.getAffectedStakeholders(),
        figures(r.getImpactFigures(), mapper),
        r.getCause(),
        r.getCauseCategory(),
        r.getContributingFactors(),
        b.whys().stream().map(ReportView::why).toList(),
        b.actionItems().stream().map(ActionItemView::of).toList(),
        b.timeline().stream().map(ReportView::entry).toList(),
        b.corrections().stream().map(ReportView::correction).toList(),
        r.getDraftedAt(),
        r.getUpdatedAt(),
        r.getUpdatedBy(),
        r.getPublishedAt(),
        r.getPublishedBy(),
        b.blamelessWarnings(),
        LearningService.flag(
            facts.services(),
            facts.component(),
            facts.detectionMethod(),
            occurred,
            detected,
            detectionLagThreshold));
  }

  private static Instant time(Map<String, String> fixed, String field, Instant fromEvents) {
    String value = fixed.get(field);
    return value == null ? fromEvents : Instant.parse(value);
  }

  private static Map<String, Object> figures(String json, ObjectMapper mapper) {
    try {
      return mapper.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      return Map.of();
    }
  }

  private static WhyView why(Why w) {
    return new WhyView(
        w.getPosition(),
        w.getQuestion(),
        w.getAnswer(),
        w.getEvidence(),
        w.isVerified(),
        w.isCustomerSymptom());
  }

  private static TimelineView entry(TimelineEntry t) {
    return new TimelineView(
        t.getOccurredAt(), t.getSource(), t.getKind(), t.getSummary(), t.getActor());
  }

  private static CorrectionView correction(ReportCorrection c) {
    return new CorrectionView(
        c.getField(), c.getValue(), c.getReason(), c.getCorrectedBy(), c.getCorrectedAt());
  }

  /** An action item as the API shows it. */
  public record ActionItemView(
      UUID id,
      UUID incidentId,
      String title,
      String kind,
      String horizon,
      String owner,
      Instant dueAt,
      String status,
      String createdBy,
      Instant createdAt,
      Instant updatedAt,
      long version,
      @Schema(
              description =
                  "A stop-gap: it keeps the symptom away until the root-cause fix that must follow is done")
          boolean stopGap,
      @Schema(description = "The root-cause fix this stop-gap waits for, or null") UUID rootFixId) {
    static ActionItemView of(ActionItem i) {
      return new ActionItemView(
          i.getId(),
          i.getIncidentId(),
          i.getTitle(),
          i.getKind(),
          i.getHorizon(),
          i.getOwner(),
          i.getDueAt(),
          i.getStatus(),
          i.getCreatedBy(),
          i.getCreatedAt(),
          i.getUpdatedAt(),
          i.getRowVersion(),
          i.isStopGap(),
          i.getRootFixId());
    }
  }
}
