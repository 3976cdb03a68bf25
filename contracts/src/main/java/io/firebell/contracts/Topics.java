package io.firebell.contracts;

import java.util.List;

/** The Kafka topics of the suite. Their partitions and retention live in config/topics.tsv. */
public final class Topics {

  /** detection-service's internal topic: every accepted alert, keyed by its route/group key. */
  public static final String ALERTS = "firebell.alerts.v1";

  /**
   * detection-service's internal fast lane: the alerts of a route key that ingest has not seen
   * recently, so that a new problem is grouped (and declared) without waiting behind the grouping
   * of keys that are already flooding {@link #ALERTS} (ADR 0107).
   */
  public static final String ALERTS_FRESH = "firebell.alerts.fresh.v1";

  /** Alert groups, pages, inquiry clusters and declaration requests. */
  public static final String DETECTION = "firebell.detection.v1";

  /** The incident lifecycle. */
  public static final String INCIDENTS = "firebell.incidents.v1";

  /** Stakeholder updates and their deliveries. */
  public static final String BROADCASTS = "firebell.broadcasts.v1";

  /** Reports, reviews, action items, recurrences. */
  public static final String REVIEWS = "firebell.reviews.v1";

  public static final List<String> ALL =
      List.of(ALERTS, ALERTS_FRESH, DETECTION, INCIDENTS, BROADCASTS, REVIEWS);

  /**
   * The topic whose event types {@code topic} carries: {@link #ALERTS} for its fast lane {@link
   * #ALERTS_FRESH}, the topic itself otherwise.
   */
  public static String carrying(String topic) {
    return ALERTS_FRESH.equals(topic) ? ALERTS : topic;
  }

  private Topics() {}
}
