package io.firebell.detection.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.detection.model.MetricWatch.AlertKind;
import io.firebell.detection.model.MetricWatch.Assessment;
import io.firebell.detection.model.MetricWatch.Change;
import io.firebell.detection.model.MetricWatch.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seasonal baseline and the rules of a watch, without a database. */
class MetricWatchRulesTest {

  private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
  private static final List<Double> HISTORY = List.of(100.0, 90.0, 110.0, 100.0);

  private static MetricWatch watch(MetricWatch.Rule drop, MetricWatch.Rule spike) {
    return MetricWatch.create(
        new MetricWatch.Definition(
            "w",
            "m",
            "order",
            "s",
            MetricWatch.PUSHED,
            null,
            null,
            Duration.ofMinutes(1),
            4,
            3,
            drop,
            spike,
            "critical",
            true),
        "ada",
        T);
  }

  private static Assessment at(MetricWatch w, int minute, double value) {
    return w.evaluate(new Reading(value, HISTORY, null), T.plus(Duration.ofMinutes(minute)));
  }

  @Test
  void theBaselineIsTheMedianOfTheWeeksWithAValueGivenTheMinimum() {
    assertThat(SeasonalBaseline.median(List.of(100.0, 90.0, 300.0), 3)).isEqualTo(100.0);
    assertThat(SeasonalBaseline.median(HISTORY, 3)).isEqualTo(100.0);
    assertThat(SeasonalBaseline.median(List.of(40.0, 41.0), 2)).isEqualTo(40.5);
    assertThat(SeasonalBaseline.median(Arrays.asList(40.0, null, 42.0, null), 2)).isEqualTo(41.0);
    assertThat(SeasonalBaseline.median(Arrays.asList(40.0, null, null, null), 2)).isNull();
  }

  @Test
  void aDropFiresAfterItsRunOnceAndResolvesAtTheFirstNormalValue() {
    MetricWatch w = watch(new MetricWatch.Rule(70, 3), null);
    assertThat(at(w, 0, 100).outcome()).isEqualTo("ok");
    assertThat(at(w, 1, 60).outcome()).isEqualTo("breaching");
    assertThat(at(w, 2, 60).changes()).isEmpty();
    Assessment fired = at(w, 3, 60);
    assertThat(fired.changes()).containsExactly(new Change(AlertKind.DROP, true));
    assertThat(fired.since()).isEqualTo(T.plus(Duration.ofMinutes(1)));
    assertThat(fired.ratioPercent()).isEqualTo(60.0);
    assertThat(at(w, 4, 10).changes()).isEmpty();
    assertThat(at(w, 5, 95).changes()).containsExactly(new Change(AlertKind.DROP, false));
    assertThat(w.getFiring()).isNull();
    // A run broken by one normal value starts again.
    at(w, 6, 60);
    at(w, 7, 60);
    at(w, 8, 100);
    assertThat(at(w, 9, 60).outcome()).isEqualTo("breaching");
    assertThat(w.getDropStreak()).isEqualTo(1);
  }

  @Test
  void aSpikeEndsADropAndBlindnessLeavesTheRunsAsTheyWere() {
    MetricWatch w = watch(new MetricWatch.Rule(70, 1), new MetricWatch.Rule(200, 2));
    assertThat(at(w, 0, 10).changes()).containsExactly(new Change(AlertKind.DROP, true));
    Assessment spiking = at(w, 1, 300);
    assertThat(spiking.changes()).containsExactly(new Change(AlertKind.DROP, false));
    assertThat(spiking.outcome()).isEqualTo("breaching");
    Assessment blind = w.evaluate(Reading.blind("the source is unreachable"), T.plusSeconds(150));
    assertThat(blind.changes()).containsExactly(new Change(AlertKind.BLIND, true));
    assertThat(w.getSpikeStreak()).isEqualTo(1);
    assertThat(w.evaluate(Reading.blind("still"), T.plusSeconds(160)).changes()).isEmpty();
    Assessment back = at(w, 3, 300);
    assertThat(back.changes())
        .containsExactly(new Change(AlertKind.BLIND, false), new Change(AlertKind.SPIKE, true));
    assertThat(w.firingAlerts()).containsExactly(AlertKind.SPIKE);
  }

  @Test
  void tooLittleHistoryAppliesNoRuleButKeepsAFiringAlert() {
    MetricWatch w = watch(new MetricWatch.Rule(70, 1), null);
    at(w, 0, 10);
    Assessment thin =
        w.evaluate(
            new Reading(10.0, Arrays.asList(100.0, null, null, null), null), T.plusSeconds(90));
    assertThat(thin.outcome()).isEqualTo("insufficient_history");
    assertThat(thin.changes()).isEmpty();
    assertThat(w.getFiring()).isEqualTo("drop");
    assertThat(w.getDropStreak()).isZero();
  }
}
