package io.firebell.bench;

import io.firebell.client.Suite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What every scenario gets: the suite's addresses and tokens, the repository root (for the pids and
 * the Kafka broker of {@code ./firebell up}), the sustained-load duration, a place to put latency
 * distributions for the chart, and figures one scenario leaves for a later one.
 *
 * @param suite service addresses and role tokens
 * @param root the repository root
 * @param kafka the suite's Kafka bootstrap address
 * @param duration how long sustained scenarios run
 * @param distributions latency histograms (microseconds) by label, drawn in the chart
 * @param facts figures for later scenarios, e.g. {@link #BATCHED_ALERTS_PER_SECOND}
 */
public record BenchContext(
    Suite suite,
    Path root,
    String kafka,
    Duration duration,
    Map<String, Histogram> distributions,
    Map<String, Double> facts) {

  /** Set by the batched-ingest scenario: the sustained alerts/s it reached. */
  public static final String BATCHED_ALERTS_PER_SECOND = "ingest.batched.alerts-per-second";

  public BenchContext(Suite suite, Path root, String kafka, Duration duration) {
    this(suite, root, kafka, duration, new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  public void distribution(String label, Histogram microseconds) {
    distributions.put(label, microseconds.copy());
  }
}
