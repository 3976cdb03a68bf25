package io.firebell.platform.warmup;

import io.firebell.contracts.EventType;
import io.firebell.contracts.FirebellEvent;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.inbox.ReplayableConsumer;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A piece of a service's alarm path that {@link Warmup} runs before the service reports ready (ADR
 * 0141), always inside a transaction that is rolled back. A step must reach nothing outside the
 * database (no HTTP call, no Kafka send): everything it writes disappears with the rollback.
 */
public interface WarmupStep {

  /** What the step warms, for the log, e.g. {@code incident.declarations}. */
  String name();

  /** The work, in the caller's transaction (which {@link Warmup} rolls back). */
  Uni<?> run();

  /** Whether there is anything to warm; {@link Warmup} skips a step that says no. */
  default boolean enabled() {
    return true;
  }

  /**
   * A consumer's apply path: the consumer applies a synthetic record of its hot event type as a
   * replay would (codec, inbox, handler, outbox), in the caller's transaction.
   *
   * @param record makes a new record each round (a fresh event id, so the inbox never skips it)
   */
  static WarmupStep consumer(
      ReplayableConsumer consumer, Supplier<ConsumerRecord<String, byte[]>> record) {
    return new WarmupStep() {
      @Override
      public String name() {
        return consumer.consumerName();
      }

      @Override
      public Uni<?> run() {
        return consumer.applyOnce(record.get());
      }
    };
  }

  /**
   * A consumer's apply path for a synthetic event of {@code type}: each round a new event, sent as
   * a record keyed by its aggregate.
   */
  static <T extends FirebellEvent> WarmupStep event(
      ReplayableConsumer consumer, EventCodec codec, EventType<T> type, Supplier<T> event) {
    return consumer(
        consumer,
        () -> {
          T e = event.get();
          return Warmup.record(type.topic(), e.aggregateId(), type.name(), codec.toJson(e));
        });
  }

  /** Nothing to warm (e.g. a consumer that is off on this instance). */
  static WarmupStep none(String name) {
    return new WarmupStep() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Uni<?> run() {
        return Uni.createFrom().voidItem();
      }

      @Override
      public boolean enabled() {
        return false;
      }
    };
  }
}
