package io.firebell.console.review;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the reviews page lists from review-service beside the meetings: reviews not booked by the
 * severity policy's deadline, and stop-gaps whose root-cause fix is not done.
 */
final class LearningRows {

  private LearningRows() {}

  /** A resolved incident whose required review was not booked in time. */
  record LateReview(
      String incidentId,
      String reference,
      String title,
      String severity,
      String review,
      String bookBy,
      String state) {

    static LateReview of(JsonNode r) {
      return new LateReview(
          r.path("incidentId").asText(),
          r.path("reference").asText(""),
          r.path("title").asText(""),
          r.path("severity").asText(""),
          ReviewForms.meetingKind(r.path("requiredKind").asText())
              + (r.path("escalated").asBoolean() ? " (escalated)" : ""),
          r.path("bookBy").asText(null),
          "booked_late".equals(r.path("state").asText()) ? "booked late" : "not booked");
    }
  }

  /** A stop-gap and the root-cause fix it waits for. */
  record StopGap(
      String incidentId, String title, String owner, String rootFix, String rootFixStatus) {

    static StopGap of(JsonNode g) {
      JsonNode gap = g.path("stopGap");
      JsonNode fix = g.path("rootFix");
      boolean linked = fix.isObject();
      return new StopGap(
          gap.path("incidentId").asText(),
          gap.path("title").asText(),
          gap.path("owner").asText(),
          linked ? fix.path("title").asText() : "No root-cause fix written yet",
          linked ? fix.path("status").asText().replace('_', ' ') : "missing");
    }
  }
}
