package io.firebell.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-model load generator: request i is due at {@code start + i / rate}, is sent at the first
 * 1 ms tick of one event loop after that (or as soon as a connection is free), and its latency is
 * measured from when it was due, not from when it was sent — so a server that stalls is charged for
 * every request that waited behind the stall (no coordinated omission, as wrk2 does it). Vert.x's
 * non-blocking HTTP client, HdrHistogram.
 */
public final class FixedRateLoad implements AutoCloseable {

  /** The outcome of one run. */
  public record Result(
      double targetPerSecond,
      double achievedPerSecond,
      long completed,
      long errors,
      Histogram latencyMicros,
      Duration duration) {

    public double p50Millis() {
      return latencyMicros.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Millis() {
      return latencyMicros.getValueAtPercentile(99) / 1000.0;
    }
  }

  /**
   * When set ({@code -Dfirebell.bench.trace=<file>}), every request's due time (ms since the run's
   * start) and latency (µs) are appended to the file, one run after another: where the tail comes
   * from shows as clusters in time.
   */
  private static final String TRACE = System.getProperty("firebell.bench.trace");

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final int maxInFlight;

  public FixedRateLoad(int connections, int maxInFlight) {
    this.maxInFlight = maxInFlight;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /**
   * Sends {@code body(i)} as JSON to {@code url} with {@code authorization} at {@code rate} per
   * second for {@code duration}; a request counts as an error unless it answers {@code
   * expectedStatus}.
   */
  public Result run(
      String url,
      String authorization,
      double rate,
      Duration duration,
      int expectedStatus,
      LongFunction<String> body)
      throws InterruptedException {
    URI uri = URI.create(url);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(uri.getHost())
            .setPort(uri.getPort())
            .setURI(uri.getRawPath())
            .setTimeout(30_000)
            .putHeader("Content-Type", "application/json");
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    Recorder recorder = new Recorder(3);
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long total = Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
    double intervalNanos = 1e9 / rate;
    CountDownLatch done = new CountDownLatch((int) total);
    long[] trace = TRACE == null ? null : new long[(int) total * 2];
    long start = System.nanoTime();
    // Everything below runs on one event loop: each 1 ms tick sends every request that has come
    // due (no thread hand-off and no wake-up per request, so that the generator takes as little
    // of the cores it shares with the suite as it can); latency still counts from the due time.
    long[] state = new long[2]; // [0] requests sent, [1] requests in flight
    Context context = vertx.getOrCreateContext();
    context.runOnContext(
        first ->
            vertx.setPeriodic(
                1,
                timer -> {
                  long now = System.nanoTime();
                  while (state[0] < total && state[1] < maxInFlight) {
                    long i = state[0];
                    long due = start + Math.round(i * intervalNanos);
                    if (due > now) {
                      break;
                    }
                    state[0]++;
                    state[1]++;
                    Buffer payload = Buffer.buffer(body.apply(i));
                    int slot = (int) i;
                    client
                        .request(options)
                        .compose(request -> request.send(payload))
                        .compose(response -> response.body().map(b -> response.statusCode()))
                        .onComplete(
                            ar -> {
                              long micros = Math.max(1, (System.nanoTime() - due) / 1000);
                              recorder.recordValue(Math.min(micros, 3_600_000_000L));
                              if (trace != null) {
                                trace[2 * slot] = (due - start) / 1_000_000;
                                trace[2 * slot + 1] = micros;
                              }
                              if (ar.failed() || ar.result() != expectedStatus) {
                                errors.incrementAndGet();
                              } else {
                                completed.incrementAndGet();
                              }
                              state[1]--;
                              done.countDown();
                            });
                  }
                  if (state[0] >= total) {
                    vertx.cancelTimer(timer);
                  }
                }));
    done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    Histogram histogram = recorder.getIntervalHistogram();
    if (trace != null) {
      writeTrace(url, rate, trace);
    }
    return new Result(
        rate,
        completed.get() / (elapsed / 1e9),
        completed.get(),
        errors.get(),
        histogram,
        Duration.ofNanos(elapsed));
  }

  private static void writeTrace(String url, double rate, long[] trace) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(url).append(" at ").append(rate).append("/s\n");
    for (int i = 0; i < trace.length; i += 2) {
      b.append(trace[i]).append(' ').append(trace[i + 1]).append('\n');
    }
    try {
      Files.writeString(Path.of(TRACE), b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.out.println("   trace not written: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
