package io.firebell.console.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the report page's forms send, read into what review-service's API takes. */
class ReviewFormsTest {

  @Test
  void linesAndAddressesDropBlanksAndKeepOrder() {
    assertThat(ReviewForms.lines(" no load test \r\n\n  config skips review\n"))
        .containsExactly("no load test", "config skips review");
    assertThat(ReviewForms.lines(null)).isEmpty();
    assertThat(ReviewForms.addresses("a@x.example, b@x.example;\nc@x.example  d@x.example"))
        .containsExactly("a@x.example", "b@x.example", "c@x.example", "d@x.example");
  }

  @Test
  void figuresAreNamedNumbersOnePerLine() {
    Map<String, Number> figures =
        ReviewForms.figures("failedOrders: 1,200\naffected stores = 340\nrefunds: 12.5\n", "f");
    assertThat(figures)
        .containsEntry("failedOrders", 1200L)
        .containsEntry("affected stores", 340L)
        .containsEntry("refunds", 12.5);
    assertThat(ReviewForms.figuresText(figures))
        .isEqualTo("failedOrders: 1200\naffected stores: 340\nrefunds: 12.5\n");
    assertThatThrownBy(() -> ReviewForms.figures("failedOrders: many", "impactFigures"))
        .isInstanceOfSatisfying(
            ReviewForms.Unreadable.class, u -> assertThat(u.control()).isEqualTo("impactFigures"))
        .hasMessageContaining("name: number");
  }

  @Test
  void aDueDateEndsAtTheLastSecondOfThatDayUtc() {
    assertThat(ReviewForms.dueAt("2026-12-08", "due"))
        .isEqualTo(Instant.parse("2026-12-08T23:59:59Z"));
    assertThat(ReviewForms.dueAt(" ", "due")).isNull();
    assertThat(ReviewForms.date("2026-12-08T02:22:51.811082Z")).isEqualTo("2026-12-08");
    assertThatThrownBy(() -> ReviewForms.dueAt("08/12/2026", "due"))
        .isInstanceOf(ReviewForms.Unreadable.class);
  }

  @Test
  void aPreferredStartIsReadInTheNamedTimeZone() {
    assertThat(ReviewForms.start("2026-12-08T10:00", "Asia/Seoul", "start", "zone"))
        .isEqualTo(Instant.parse("2026-12-08T01:00:00Z"));
    assertThat(ReviewForms.start("2026-12-08T10:00", "", "start", "zone"))
        .isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
    assertThat(ReviewForms.start("", "Asia/Seoul", "start", "zone")).isNull();
    assertThatThrownBy(() -> ReviewForms.start("2026-12-08T10:00", "Mars/Olympus", "start", "zone"))
        .isInstanceOfSatisfying(
            ReviewForms.Unreadable.class, u -> assertThat(u.control()).isEqualTo("zone"));
    assertThatThrownBy(() -> ReviewForms.start("tomorrow", "UTC", "start", "zone"))
        .isInstanceOfSatisfying(
            ReviewForms.Unreadable.class, u -> assertThat(u.control()).isEqualTo("start"));
    assertThat(ReviewForms.local("2026-12-07T01:00:00Z", "Asia/Seoul"))
        .isEqualTo("2026-12-07 10:00 (Asia/Seoul)");
  }

  @Test
  void theApisFieldNamesFindTheirControls() {
    assertThat(ReviewForms.whyField("whys[2].evidence[0].<list element>"))
        .isEqualTo(new ReviewForms.WhyField(2, "evidence"));
    assertThat(ReviewForms.whyField("whys[0].customerSymptom"))
        .isEqualTo(new ReviewForms.WhyField(0, "customerSymptom"));
    assertThat(ReviewForms.whyField("whys")).isNull();
    assertThat(
            ReviewForms.byBaseField(
                Map.of("contributingFactors[1].<list element>", "must not be blank")))
        .containsEntry("contributingFactors", "must not be blank");
  }

  @Test
  void blamelessWarningsNameTheirPlaceInWords() {
    String tail =
        " says \"human error\": blameless reviews ask what in the system allowed it, not who";
    assertThat(ReviewForms.warning("whys[2].answer" + tail)).isEqualTo("Why 2's answer" + tail);
    assertThat(ReviewForms.warning("contributingFactors[0]" + tail))
        .isEqualTo("Contributing factor 1" + tail);
    assertThat(ReviewForms.warning("cause" + tail)).isEqualTo("The cause" + tail);
    assertThat(ReviewForms.warning("impactSummary" + tail)).isEqualTo("The impact summary" + tail);
    assertThat(ReviewForms.warning("something else")).isEqualTo("something else");
  }

  @Test
  void typedWhysKeepTheirRowsAndTheirTicks() {
    List<ReportResource.WhyRow> rows =
        ReportResource.typedWhys(
            List.of("Why could customers not order?", "", "Why did it time out?"),
            List.of("The order API timed out", "", "The pool was exhausted"),
            List.of("https://grafana.example.com/d/1", "", ""),
            List.of("0"),
            List.of("0"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).verified()).isTrue();
    assertThat(rows.get(0).symptom()).isTrue();
    assertThat(rows.get(1).blank()).isTrue();
    assertThat(rows.get(2).verified()).isFalse();
    assertThat(rows.get(2).n()).isEqualTo(3);
  }

  @Test
  void anEscalationNeedsAReasonAndTakesAStartAndAttendeesLikeABooking() {
    assertThatThrownBy(() -> ReviewForms.escalation("  ", null, null, null))
        .isInstanceOfSatisfying(
            ReviewForms.Unreadable.class, u -> assertThat(u.control()).isEqualTo("reason"))
        .hasMessageStartingWith("Say why this incident needs an organisation-wide review");
    assertThat(ReviewForms.escalation(" three domains were hit ", "", "", ""))
        .isEqualTo(Map.of("reason", "three domains were hit"));
    assertThat(
            ReviewForms.escalation(
                "three domains were hit", "2026-12-09T10:00", "Asia/Seoul", "cto@x.example"))
        .containsEntry("preferredStart", "2026-12-09T01:00:00Z")
        .containsEntry("attendees", List.of("cto@x.example"));
    assertThatThrownBy(() -> ReviewForms.escalation("why", "2026-12-09T10:00", "Mars/Olympus", ""))
        .isInstanceOfSatisfying(
            ReviewForms.Unreadable.class, u -> assertThat(u.control()).isEqualTo("zone"));
    assertThat(ReviewForms.meeting(new LinkedHashMap<>(Map.of("incidentId", "i")), "", "", ""))
        .isEqualTo(Map.of("incidentId", "i"));
  }

  @Test
  void aMeetingRefusalFindsTheStartControl() {
    assertThat(
            ReviewForms.meetingErrors(
                400, Map.of("preferredStart", "must be in the future"), "words", ""))
        .containsEntry("start", "must be in the future");
    assertThat(ReviewForms.meetingErrors(409, Map.of(), "the slot is taken", "2026-12-09T10:00"))
        .containsEntry("start", "the slot is taken");
    assertThat(ReviewForms.meetingErrors(409, Map.of(), "already has an org-wide review", ""))
        .as("a conflict about the review itself is the form's problem, not the start's")
        .isEmpty();
  }

  @Test
  void theStopGapControlSendsOnlyWhatChanged() {
    Map<String, Object> body = new LinkedHashMap<>();
    ReviewForms.putStopGap(body, "fix-id", "none");
    assertThat(body).isEqualTo(Map.of("rootFixId", "fix-id"));
    body.clear();
    ReviewForms.putStopGap(body, "none", "fix-id");
    assertThat(body).isEqualTo(Map.of("stopGap", false));
    body.clear();
    ReviewForms.putStopGap(body, "missing", "none");
    assertThat(body).isEqualTo(Map.of("stopGap", true));
    body.clear();
    ReviewForms.putStopGap(body, "fix-id", "fix-id");
    ReviewForms.putStopGap(body, null, "none");
    assertThat(body).as("unchanged: nothing is sent").isEmpty();
    assertThat(ReviewForms.stopGapChoice(false, null)).isEqualTo("none");
    assertThat(ReviewForms.stopGapChoice(true, null)).isEqualTo("missing");
    assertThat(ReviewForms.stopGapChoice(true, "fix-id")).isEqualTo("fix-id");
  }

  @Test
  void anItemsRootFixChoicesAreTheReportsOtherItemsThatAreNotStopGaps() throws Exception {
    var items =
        new ObjectMapper()
            .readTree(
                "[{\"id\":\"a\",\"title\":\"Fix A\",\"stopGap\":false},"
                    + "{\"id\":\"b\",\"title\":\"Gap B\",\"stopGap\":true},"
                    + "{\"id\":\"c\",\"title\":\"Fix C\",\"stopGap\":false}]");
    Map<String, Integer> numbers = Map.of("a", 1, "b", 2, "c", 3);
    assertThat(ReportResource.stopGapChoices("a", false, null, items, numbers))
        .extracting(ReportResource.Choice::value)
        .containsExactly("none", "missing", "c");
    assertThat(ReportResource.stopGapChoices("b", true, "a", items, numbers))
        .as("linked to a root fix: the API keeps the link while it stays a stop-gap")
        .extracting(ReportResource.Choice::value)
        .containsExactly("none", "a", "c");
    assertThat(ReportResource.stopGapChoices("b", true, "a", items, numbers).get(1).words())
        .isEqualTo("A stop-gap until item 1 is done: Fix A");
  }
}
