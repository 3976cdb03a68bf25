package io.firebell.console;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The console's clock under test: the real UTC clock until a test moves it forward, so a test sets
 * time (a session left idle, a lockout over) instead of waiting for it. Selected over {@code
 * web/Clocks}' default clock; a test that moves it resets it afterwards, because the application
 * (and so this clock) is shared by the test classes of a run.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MutableClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  /** Moves "now" forward for every caller. */
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
