package io.firebell.review;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The real clock, moved forward by tests that need due dates to pass. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  public void advance(Duration by) {
    ahead = ahead.plus(by);
  }

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
