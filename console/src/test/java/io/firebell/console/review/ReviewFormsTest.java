package io.firebell.console.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
}
