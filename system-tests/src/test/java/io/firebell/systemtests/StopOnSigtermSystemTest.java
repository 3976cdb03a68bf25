package io.firebell.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, target 5: a service asked to stop (SIGTERM, as Kubernetes and {@code ./firebell down}
 * ask) is gone within 5 s and logs no error while stopping.
 *
 * <p>review-service is the hard case: three Kafka consumers (the connector closes them one after
 * the other) and scheduled jobs that read the database. Its jobs run every 200 ms here, so one is
 * due or running whenever the signal comes; before boot/Quiesce they kept firing while the
 * consumers closed, after the pool was closed, and each logged "Pool closed" as an error (and the
 * service took 8.5 s to stop).
 */
class StopOnSigtermSystemTest {

  private static final String DATABASE = "firebell_review_stop";

  private static SuiteProcesses suite;

  @BeforeAll
  static void start() throws Exception {
    SuiteProcesses.freshDatabase("review", DATABASE);
    suite = new SuiteProcesses("stop");
    // A broker of its own: on the shared test broker the group review-service finds the records
    // every earlier test left, and how many of them are being applied when the signal comes is
    // chance. Stopping in the middle of a backlog is not covered yet (see docs/reliability.md).
    suite.startFreshKafka();
  }

  @AfterAll
  static void stop() throws Exception {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void reviewServiceStopsWithinFiveSecondsWithoutErrors() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("FIREBELL_REVIEW_GAUGE_REFRESH", "200ms");
    env.put("FIREBELL_REVIEW_OVERDUE_CHECK", "200ms");
    SuiteProcesses.Service review = suite.startService("review", DATABASE, env);
    // Let the jobs run a few times and the consumers join their group.
    Thread.sleep(2_000);
    long logBefore = Files.size(review.log());

    long signalled = System.nanoTime();
    review.process().destroy(); // SIGTERM
    boolean exited = review.process().waitFor(10, TimeUnit.SECONDS);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
    if (!exited) {
      review.process().destroyForcibly();
    }

    assertThat(exited).as("review-service exited within 10 s of SIGTERM").isTrue();
    assertThat(tookMs).as("ms from SIGTERM to exit").isLessThanOrEqualTo(5_000);
    String stopping = Files.readString(review.log()).substring((int) logBefore);
    List<String> errors = stopping.lines().filter(l -> l.contains("\"level\":\"ERROR\"")).toList();
    assertThat(errors).as("error lines logged while stopping").isEmpty();
    assertThat(stopping).contains("stopped in");
  }
}
