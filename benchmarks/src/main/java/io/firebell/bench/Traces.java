package io.firebell.bench;

import io.firebell.client.TraceReceiver;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A scenario's view of the probes' traces: a {@link TraceReceiver} on the suite's OTLP endpoint for
 * the scenario's run, and the per-hop rows it yields. When export is off (FIREBELL_OTLP=off) or the
 * endpoint's port is taken by something else (a real collector), the rows say so instead.
 */
final class Traces implements AutoCloseable {

  /** How long to wait for the services' exporters after the last probe (they batch for 1 s). */
  private static final Duration EXPORT_WAIT = Duration.ofSeconds(10);

  private final TraceReceiver receiver;
  private final String unavailable;

  private Traces(TraceReceiver receiver, String unavailable) {
    this.receiver = receiver;
    this.unavailable = unavailable;
  }

  static Traces open() {
    URI endpoint = TraceReceiver.configuredEndpoint();
    if (endpoint == null) {
      return new Traces(null, "not measured: trace export is off (FIREBELL_OTLP=off)");
    }
    try {
      return new Traces(TraceReceiver.listen(endpoint), null);
    } catch (IOException e) {
      return new Traces(
          null,
          "not measured: cannot listen on "
              + endpoint
              + " ("
              + e.getMessage()
              + "); another receiver has the suite's spans");
    }
  }

  void watch(String traceIdPrefix) {
    if (receiver != null) {
      receiver.watch(traceIdPrefix);
    }
  }

  /**
   * Waits for the traces to arrive (every one reached its delivery, or {@link #EXPORT_WAIT}), then
   * returns the per-hop rows; the receiver stays open for the next probe until {@link #close()}.
   */
  List<Row> breakdown(String scenario, List<String> traceIds) throws InterruptedException {
    if (receiver == null) {
      return List.of(Row.info(scenario, "per-hop breakdown (traces)", unavailable));
    }
    long deadline = System.nanoTime() + EXPORT_WAIT.toNanos();
    HopBreakdown breakdown;
    do {
      breakdown = new HopBreakdown();
      for (String traceId : traceIds) {
        breakdown.add(receiver.trace(traceId));
      }
      if (breakdown.complete() == traceIds.size()) {
        break;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    List<Row> rows = new java.util.ArrayList<>();
    rows.add(
        Row.info(
            scenario,
            "per-hop breakdown (traces)",
            String.format(
                "%d of %d probes traced end to end (%d with some spans); %,d other spans"
                    + " received",
                breakdown.complete(), traceIds.size(), breakdown.traces(), receiver.otherSpans())));
    rows.addAll(breakdown.rows(scenario));
    return rows;
  }

  private boolean closed;

  @Override
  public void close() {
    if (receiver != null && !closed) {
      closed = true;
      receiver.close();
    }
  }
}
