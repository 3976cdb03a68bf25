package io.firebell.console.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.client.Http;
import org.junit.jupiter.api.Test;

/** What the reviews page says of review-service's late reviews and pending stop-gaps. */
class LearningRowsTest {

  @Test
  void aLateReviewSaysWhichTierThePolicyAsksForAndWhetherItWasBookedLate() throws Exception {
    LearningRows.LateReview unbooked =
        LearningRows.LateReview.of(
            Http.JSON.readTree(
                "{\"incidentId\":\"a\",\"reference\":\"INC-1\",\"title\":\"Checkout down\","
                    + "\"severity\":\"SEV2\",\"requiredKind\":\"org_wide\",\"escalated\":false,"
                    + "\"bookBy\":\"2026-12-03T09:00:00Z\",\"state\":\"overdue\",\"flagged\":true}"));
    LearningRows.LateReview late =
        LearningRows.LateReview.of(
            Http.JSON.readTree(
                "{\"incidentId\":\"b\",\"severity\":\"SEV3\",\"requiredKind\":\"org_wide\","
                    + "\"escalated\":true,\"state\":\"booked_late\",\"flagged\":true}"));
    assertThat(unbooked.review()).isEqualTo("Org-wide review");
    assertThat(unbooked.state()).isEqualTo("not booked");
    assertThat(unbooked.bookBy()).isEqualTo("2026-12-03T09:00:00Z");
    assertThat(late.review()).isEqualTo("Org-wide review (escalated)");
    assertThat(late.state()).isEqualTo("booked late");
    assertThat(late.reference()).isEmpty();
  }

  @Test
  void aStopGapNamesItsRootFixOrSaysThatNoneIsWrittenYet() throws Exception {
    LearningRows.StopGap linked =
        LearningRows.StopGap.of(
            Http.JSON.readTree(
                "{\"stopGap\":{\"incidentId\":\"i\",\"title\":\"Rate-limit rebuilds\",\"owner\":\"sam\"},"
                    + "\"rootFix\":{\"title\":\"Bound the rebuild\",\"status\":\"in_progress\"},"
                    + "\"rootFixDone\":false}"));
    LearningRows.StopGap orphan =
        LearningRows.StopGap.of(
            Http.JSON.readTree(
                "{\"stopGap\":{\"incidentId\":\"i\",\"title\":\"Restart nightly\",\"owner\":\"kim\"},"
                    + "\"rootFix\":null,\"rootFixDone\":false}"));
    assertThat(linked.rootFix()).isEqualTo("Bound the rebuild");
    assertThat(linked.rootFixStatus()).isEqualTo("in progress");
    assertThat(orphan.rootFix()).isEqualTo("No root-cause fix written yet");
    assertThat(orphan.rootFixStatus()).isEqualTo("missing");
    assertThat(orphan.incidentId()).isEqualTo("i");
  }
}
