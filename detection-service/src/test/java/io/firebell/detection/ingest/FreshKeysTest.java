package io.firebell.detection.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which lane ingest gives a route key's record (ADR 0107). */
class FreshKeysTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

  private FreshKeys keys(int maxKeys, int maxPerSecond) {
    return new FreshKeys(true, Duration.ofMinutes(1), maxKeys, maxPerSecond, now::get);
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aKeyIsNewsOnceAndAgainAfterAQuietMinute() {
    FreshKeys keys = keys(100, 200);
    assertThat(keys.takeFastLane("checkout/HighLatency")).isTrue();
    assertThat(keys.takeFastLane("checkout/HighLatency")).as("flooding: bulk").isFalse();
    // Every record counts as seen: a key that keeps sending never becomes news again.
    for (int i = 0; i < 10; i++) {
      advance(Duration.ofSeconds(50));
      assertThat(keys.takeFastLane("checkout/HighLatency")).isFalse();
    }
    assertThat(keys.takeFastLane("payments/Errors")).as("another key is news").isTrue();
    advance(Duration.ofSeconds(61));
    assertThat(keys.takeFastLane("checkout/HighLatency")).as("back after a quiet minute").isTrue();
  }

  @Test
  void theFastLaneTakesABoundedNumberOfRecordsPerSecond() {
    FreshKeys keys = keys(10_000, 200);
    int fast = 0;
    for (int i = 0; i < 500; i++) {
      if (keys.takeFastLane("storm/" + i)) {
        fast++;
      }
    }
    assertThat(fast).isEqualTo(200);
    // A key the bound sent to the bulk topic was not remembered: its next record is still news.
    advance(Duration.ofSeconds(1));
    assertThat(keys.takeFastLane("storm/499")).isTrue();
    assertThat(keys.takeFastLane("storm/0")).as("sent fast a second ago").isFalse();
  }

  @Test
  void memoryIsBoundedAndAForgottenKeyIsNewsAgain() {
    FreshKeys keys = keys(3, 200);
    for (String k : new String[] {"a", "b", "c", "d"}) {
      assertThat(keys.takeFastLane(k)).isTrue();
    }
    assertThat(keys.takeFastLane("a")).as("evicted, least recently seen").isTrue();
    assertThat(keys.takeFastLane("d")).isFalse();
    keys.forget("d");
    assertThat(keys.takeFastLane("d")).as("its record was not accepted").isTrue();
  }

  @Test
  void offMeansBulkOnly() {
    FreshKeys keys = new FreshKeys(false, Duration.ofMinutes(1), 100, 200, now::get);
    assertThat(keys.takeFastLane("x")).isFalse();
  }
}
