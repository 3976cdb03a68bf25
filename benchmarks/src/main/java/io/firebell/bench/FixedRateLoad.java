package io.firebell.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-model load generator: request i is due at {@code start + i / rate}, is sent then (or as
 * soon as a connection is free), and its latency is measured from when it was due, not from when it
 * was sent — so a server that stalls is charged for every request that waited behind the stall (no
 * coordinated omission, as wrk2 does it). Vert.x's non-blocking HTTP client, HdrHistogram.
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
    Semaphore inFlight = new Semaphore(maxInFlight);
    long total = Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
    double intervalNanos = 1e9 / rate;
    CountDownLatch done = new CountDownLatch((int) total);
    long start = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long due = start + Math.round(i * intervalNanos);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      Buffer payload = Buffer.buffer(body.apply(i));
      client
          .request(options)
          .compose(request -> request.send(payload))
          .compose(response -> response.body().map(b -> response.statusCode()))
          .onComplete(
              ar -> {
                long micros = Math.max(1, (System.nanoTime() - due) / 1000);
                recorder.recordValue(Math.min(micros, 3_600_000_000L));
                if (ar.failed() || ar.result() != expectedStatus) {
                  errors.incrementAndGet();
                } else {
                  completed.incrementAndGet();
                }
                inFlight.release();
                done.countDown();
              });
    }
    done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    Histogram histogram = recorder.getIntervalHistogram();
    return new Result(
        rate,
        completed.get() / (elapsed / 1e9),
        completed.get(),
        errors.get(),
        histogram,
        Duration.ofNanos(elapsed));
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
