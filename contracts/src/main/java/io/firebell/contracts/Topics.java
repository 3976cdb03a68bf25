package io.firebell.contracts;

import java.util.List;

/** The Kafka topics of the suite. Their partitions and retention live in config/topics.tsv. */
public final class Topics {

  /** detection-service's internal topic: every accepted alert, keyed by its route/group key. */
  public static final String ALERTS = "firebell.alerts.v1";

  /** Alert groups, pages, inquiry clusters and declaration requests. */
  public static final String DETECTION = "firebell.detection.v1";

  /** The incident lifecycle. */
  public static final String INCIDENTS = "firebell.incidents.v1";

  /** Stakeholder updates and their deliveries. */
  public static final String BROADCASTS = "firebell.broadcasts.v1";

  /** Reports, reviews, action items, recurrences. */
  public static final String REVIEWS = "firebell.reviews.v1";

  public static final List<String> ALL = List.of(ALERTS, DETECTION, INCIDENTS, BROADCASTS, REVIEWS);

  private Topics() {}
}
