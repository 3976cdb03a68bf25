package io.firebell.detection.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The time source of grouping's decisions (flap window, resolve and re-open times), replaceable in
 * tests. A default bean: any other {@link Clock} bean takes its place.
 */
public class ClockProducer {

  @Produces
  @ApplicationScoped
  @DefaultBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
