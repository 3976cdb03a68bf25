package io.firebell.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Samples the resident set of the whole local suite (four services, detection-service's grouping
 * worker and the Kafka broker) every 500 ms while a scenario runs, and keeps the peak.
 */
public final class RssSampler implements AutoCloseable {

  /** The suite's JVMs and the Kafka broker. */
  private static final List<String> COMPONENTS =
      Stream.concat(Footprint.PROCESSES.stream(), Stream.of("kafka-local")).toList();

  private final Path root;
  private final AtomicLong peakKb = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  public RssSampler(Path root) {
    this.root = root;
    this.thread = new Thread(this::sample, "rss-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    while (running) {
      long total = 0;
      for (String c : COMPONENTS) {
        total += Footprint.rssKb(root, c).orElse(0L);
      }
      peakKb.accumulateAndGet(total, Math::max);
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  public long peakMb() {
    return peakKb.get() / 1024;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(2000);
  }
}
