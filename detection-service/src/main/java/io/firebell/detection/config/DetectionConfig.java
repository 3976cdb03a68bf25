package io.firebell.detection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** detection-service's tunables ({@code firebell.detection.*}). */
@ConfigMapping(prefix = "firebell.detection")
public interface DetectionConfig {

  /** A group that resolves and fires again within this window re-opens (flapping damping). */
  @WithDefault("PT15M")
  Duration flapWindow();

  /** How often every instance reloads the routing table (changes here apply at once). */
  @WithDefault("PT10S")
  Duration routeRefresh();

  Ingest ingest();

  Grouping grouping();

  Inquiries inquiries();

  Paging paging();

  Metrics metrics();

  interface Metrics {
    /** Whether this instance evaluates business-metric watches on schedule (any number may). */
    @WithDefault("true")
    boolean enabled();

    /** The shortest evaluation interval a watch may ask for. */
    @WithDefault("PT30S")
    Duration minInterval();

    /**
     * How far back a pushed metric's value at an instant is looked for: its latest sample in the
     * lookback before it (Prometheus' own default lookback is the same 5 minutes).
     */
    @WithDefault("PT5M")
    Duration lookback();

    /** The deadline of one query to a Prometheus-compatible API (lookup, connect, answer). */
    @WithDefault("PT5S")
    Duration queryTimeout();

    /** The most bytes of a query's answer read; past it the watch is blind (answer too large). */
    @WithDefault("1048576")
    int maxQueryAnswerBytes();

    /** Watches evaluated per scheduler tick at most. */
    @WithDefault("20")
    int batchSize();

    /** Samples in one push at most (about 300 KB of JSON, within the 512 KB body limit); 422. */
    @WithDefault("5000")
    int maxSamplesPerRequest();
  }

  interface Ingest {
    /** Alerts in one request at most (a 50-alert Alertmanager payload is typical); 422 above. */
    @WithDefault("1000")
    int maxAlertsPerRequest();

    /** Labels of one alert, and annotations of one alert or common to a request, at most; 422. */
    @WithDefault("128")
    int maxLabels();

    /** Characters of a label or annotation key at most; 422 above. */
    @WithDefault("256")
    int maxKeyLength();

    /** Characters of a label value at most; 422 above. */
    @WithDefault("4096")
    int maxLabelValueLength();

    /** Characters of an annotation value at most; 422 above. */
    @WithDefault("32768")
    int maxAnnotationValueLength();

    /**
     * Upper bound of the JSON bytes the alerts of one webhook request become once the payload's
     * common annotations and fields are copied into each (computed from the parts before any is
     * copied, ADR 0110); 413 above. The ingest producer's {@code max.request.size} is this plus
     * {@link #recordEnvelopeBytes()}; the topic's {@code max.message.bytes} (config/topics.tsv)
     * must be at least that.
     */
    @WithDefault("8388608")
    long maxExpandedBytes();

    /** Room for a record's CloudEvent headers, key and batch framing on top of its alerts. */
    @WithDefault("65536")
    int recordEnvelopeBytes();

    /**
     * How long a request waits for the broker's acknowledgement before answering 503 with {@code
     * Retry-After}; nothing is acknowledged without it (ADR 0100, ADR 0111).
     */
    @WithDefault("PT2S")
    Duration ackTimeout();

    /** The {@code Retry-After} of a 503 while the broker is unavailable, in seconds. */
    @WithDefault("2")
    int retryAfterSeconds();

    /**
     * How often the broker's reachability is checked (readiness and ingest's fast 503); while it is
     * down, ingest answers 503 at once instead of waiting for {@link #ackTimeout()}.
     */
    @WithDefault("PT1S")
    Duration brokerCheckInterval();

    /** Producer linger: small, so that concurrent requests share batches without adding delay. */
    @WithDefault("2")
    int lingerMs();

    /** The fast lane for route keys this instance has not seen recently (ADR 0107). */
    FreshLane freshLane();
  }

  interface FreshLane {
    /**
     * Whether ingest sends the alerts of a route key it has not seen for {@link #quiet()} to {@code
     * firebell.alerts.fresh.v1}, which the grouping instances consume apart from the bulk topic, so
     * that a new problem is grouped and declared without queueing behind known ones.
     */
    @WithDefault("true")
    boolean enabled();

    /** A route key whose alerts this instance has not accepted for this long is news again. */
    @WithDefault("PT1M")
    Duration quiet();

    /** Route keys remembered at most (the least recently seen are forgotten first). */
    @WithDefault("100000")
    int maxKeys();

    /**
     * Records sent to the fast lane per second at most; past it they take the bulk topic, so a
     * storm of distinct route keys cannot turn the fast lane into a second bulk lane.
     */
    @WithDefault("200")
    int maxRecordsPerSecond();
  }

  interface Grouping {
    /**
     * Whether this instance consumes {@code firebell.alerts.v1} and groups (any number may). Off on
     * an instance that only acknowledges alerts and serves the API while worker instances of the
     * same application group them, so that grouping's memory and pauses never delay an
     * acknowledgement (ADR 0106).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * While ingest accepts at least this many alerts per second, the grouping consumer yields the
     * cores to it (0: never yield).
     */
    @WithDefault("2000")
    long yieldAboveAlertsPerSecond();

    /**
     * How much it yields then: after a transaction that took T it waits T times this ratio, so it
     * uses at most 1 / (1 + ratio) of the time; the alerts wait, durable, on the topic.
     */
    @WithDefault("3")
    double yieldRatio();

    /** The longest single wait. */
    @WithDefault("PT2S")
    Duration maxYield();
  }

  interface Inquiries {
    /** Similar inquiries within {@link #window()} that open a cs_inquiry signal. */
    @WithDefault("5")
    int threshold();

    @WithDefault("PT30M")
    Duration window();
  }

  interface Paging {
    /** Whether this instance delivers pages and runs escalations (any number may). */
    @WithDefault("true")
    boolean enabled();

    /** Delivery attempts of one page before it counts as failed and escalates at once. */
    @WithDefault("5")
    int maxAttempts();

    /**
     * The deadline of one webhook delivery: name lookup, connect, TLS, the answer's headers and its
     * (capped) body together, however slowly the receiver trickles.
     */
    @WithDefault("PT5S")
    Duration webhookTimeout();

    /** Pages handled per scheduler tick. */
    @WithDefault("50")
    int batchSize();
  }
}
