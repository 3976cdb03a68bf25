package io.firebell.review.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** review-service policies (prefix {@code firebell.review}). */
@ConfigMapping(prefix = "firebell.review")
public interface ReviewConfig {

  /** Where people reach review-service; links in events and exports start with it. */
  @WithDefault("http://127.0.0.1:8084")
  String publicUrl();

  /** Default due date of a short-term action item, counted from its creation. */
  @WithDefault("P2D")
  Duration shortTermDue();

  @WithDefault("P30D")
  Duration midTermDue();

  @WithDefault("P90D")
  Duration longTermDue();

  /** How far back an earlier incident counts as one that a new incident repeats. */
  @WithDefault("P365D")
  Duration recurrenceWindow();

  /**
   * How many earlier incidents a new one is linked to at most: the most recent that share its
   * service or component.
   */
  @WithDefault("10")
  int recurrenceMatches();

  /** How often overdue action items are looked for ({@code off} disables the watch). */
  @WithDefault("60s")
  String overdueCheck();

  /**
   * Detection that lags occurrence by more than this flags the incident, with a suggested "add
   * monitoring" action item.
   */
  @WithDefault("PT10M")
  Duration detectionLagThreshold();

  /** How often the Prometheus gauges (headline numbers, late reviews, stop-gaps) are recomputed. */
  @WithDefault("60s")
  String gaugeRefresh();

  /** How far back resolved incidents are checked for a review not booked by its deadline. */
  @WithDefault("P90D")
  Duration reviewDeadlineWindow();

  /**
   * Phrases that blame people rather than the system; publishing warns when a report uses them.
   * Matched case-insensitively as whole phrases.
   */
  @WithDefault(
      "human error,careless,carelessly,should have known,negligence,negligent,fault of,blame,incompetent,didn't bother,failed to notice,operator error")
  List<String> blamingPhrases();
}
