package io.firebell.platform.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of every service under test: the real UTC clock until a test moves it forward, so a
 * test sets time (a due date passed, a window closed) instead of waiting for it. Selected over the
 * platform's default clock for every service whose tests have the platform test-jar; a test that
 * moves it resets it afterwards, because the application (and so this clock) is shared by the test
 * classes of a run.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MutableClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  /** Moves "now" forward (or back, with a negative duration) for every caller. */
  public void advance(Duration by) {
    ahead = ahead.plus(by);
  }

  /** Back to the real time. */
  public void reset() {
    ahead = Duration.ZERO;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), ahead);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }
}
