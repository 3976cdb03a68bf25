package io.firebell.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now" for every rule that depends on time (due dates, windows, expiry, event
 * times): services take a {@link Clock} by constructor injection and call {@code
 * Instant.now(clock)}. A default bean, so tests replace it with a clock they can move (the platform
 * test-jar's {@code MutableClock}) instead of waiting for time to pass.
 */
public class Clocks {

  @Produces
  @Singleton
  @DefaultBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
