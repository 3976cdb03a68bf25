package io.firebell.platform.boot;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stops taking new work the moment a service is asked to stop, while its database pool is still
 * open.
 *
 * <p>Quarkus closes Vert.x, and with it the reactive pool, before it destroys the beans, and the
 * scheduler and the Kafka consumers stop only when their beans are destroyed. Left alone, a service
 * kept starting scheduled jobs and applying records for the seconds the Kafka connector spent
 * closing its consumers one by one, and each of them failed with "Pool closed" (logged as errors).
 * So, first of all shutdown observers: the scheduler is paused, every Kafka consumer pauses its
 * partitions, and {@code firebell.shutdown.drain} is given to what is already running (a job, the
 * records being applied) to finish against an open pool. When records are still being applied or a
 * scheduled job is still running after it ({@link InFlight}), it waits for them, up to {@code
 * firebell.shutdown.drain-max}: a transaction cut off by the closing pool fails to roll back, and a
 * job's next query started after it fails to begin; both log an error.
 *
 * <p>Pausing a consumer stops its polls, not the records the connector already holds (up to two
 * polls' worth), which it keeps handing over one by one. So from the first moment of the stop the
 * inbox admits no new record ({@link InFlight#admit}): those records are left unacknowledged and
 * uncommitted, and the next consumer of their partitions applies them (the inbox makes a record
 * applied twice count once). The connector does not wait for them at close ({@code
 * graceful-shutdown=false}), which would add up to five seconds per consumer.
 */
@ApplicationScoped
public class Quiesce {

  private static final Logger LOG = Logger.getLogger(Quiesce.class);

  private final Scheduler scheduler;
  private final KafkaClientService kafka;
  private final Duration drain;
  private final Duration drainMax;

  public Quiesce(
      Scheduler scheduler,
      KafkaClientService kafka,
      @ConfigProperty(name = "firebell.shutdown.drain", defaultValue = "PT0.5S") Duration drain,
      @ConfigProperty(name = "firebell.shutdown.drain-max", defaultValue = "PT3S")
          Duration drainMax) {
    this.scheduler = scheduler;
    this.kafka = kafka;
    this.drain = drain;
    this.drainMax = drainMax;
  }

  void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    InFlight.start();
  }

  void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    long started = System.nanoTime();
    scheduler.pause();
    InFlight.stop();
    for (String channel : kafka.getConsumerChannels()) {
      for (var consumer : kafka.getConsumers(channel)) {
        try {
          consumer.pause().await().atMost(drain);
        } catch (RuntimeException e) {
          // A consumer that cannot pause in time is closed by the connector a moment later anyway.
          LOG.debugf("consumer of %s did not pause: %s", channel, e.getMessage());
        }
      }
    }
    long left = drain.toNanos() - (System.nanoTime() - started);
    try {
      if (left > 0) {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      }
      long deadline = started + drainMax.toNanos();
      while (InFlight.count() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (InFlight.count() > 0) {
      LOG.infof("stopping with %d record(s) still being applied", InFlight.count());
    }
  }
}
