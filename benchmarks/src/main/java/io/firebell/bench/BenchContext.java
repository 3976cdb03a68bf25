package io.firebell.bench;

import io.firebell.demo.Suite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What every scenario gets: the suite's addresses and tokens, the repository root (for the pids and
 * the Kafka broker of {@code ./firebell up}), the sustained-load duration, and a place to put
 * latency distributions for the chart.
 *
 * @param suite service addresses and role tokens
 * @param root the repository root
 * @param kafka the suite's Kafka bootstrap address
 * @param duration how long sustained scenarios run
 * @param distributions latency histograms (microseconds) by label, drawn in the chart
 * @param facts figures one scenario leaves for a later one (e.g. {@code
 *     ingest.batched.alerts-per-second})
 */
public record BenchContext(
    Suite suite, Path root, String kafka, Duration duration, Map<String, Histogram> distributions) {

  public BenchContext(Suite suite, Path root, String kafka, Duration duration) {
    this(suite, root, kafka, duration, new LinkedHashMap<>());
  }

  public void distribution(String label, Histogram microseconds) {
    distributions.put(label, microseconds.copy());
  }
}
