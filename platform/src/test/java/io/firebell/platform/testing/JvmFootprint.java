package io.firebell.platform.testing;

import java.lang.management.ManagementFactory;

/**
 * This JVM's live threads and heap in use after a full collection, for tests that check a fault
 * costs neither (e.g. a receiver's 1 GiB body is not read into memory).
 *
 * @param threads live threads
 * @param heapUsedBytes heap in use right after {@link System#gc()}
 */
public record JvmFootprint(int threads, long heapUsedBytes) {

  /** Takes it now (collects first, so the heap figure is what is still reachable). */
  public static JvmFootprint now() {
    System.gc();
    return new JvmFootprint(
        liveThreads(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  /** Live threads now, cheaply (no collection): for sampling a peak. */
  public static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
