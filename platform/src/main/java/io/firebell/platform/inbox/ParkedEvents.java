package io.firebell.platform.inbox;

import io.firebell.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What an admin does with parked records: look at them, replay one through its consumer's inbox
 * (idempotent: an event already processed is not applied twice), or discard one (logged, with who
 * did it).
 */
@ApplicationScoped
public class ParkedEvents {

  private static final Logger LOG = Logger.getLogger(ParkedEvents.class);
  private static final String DELETE = "delete from parked_event where id = ?1";

  /** How a replay ended when the consumer did not fail. */
  public enum Outcome {
    /** The consumer applied the event. */
    APPLIED,
    /** The event had been processed already, or is of a type the consumer does not handle. */
    SKIPPED
  }

  private final ParkedEventStore store;
  private final Instance<ReplayableConsumer> consumers;
  private final Clock clock;

  public ParkedEvents(
      ParkedEventStore store, @Any Instance<ReplayableConsumer> consumers, Clock clock) {
    this.store = store;
    this.consumers = consumers;
    this.clock = clock;
  }

  /** Every consumer of this service gets its gauge at start-up, at 0 until it parks a record. */
  void start(@Observes StartupEvent event) {
    consumers.forEach(c -> store.track(c.consumerName()));
    store
        .refreshCounts()
        .subscribe()
        .with(ok -> {}, e -> LOG.warnf("cannot count parked events yet: %s", e.getMessage()));
  }

  public Uni<List<ParkedEvent>> page(Instant afterAt, UUID afterId, String consumer, int limit) {
    return store.page(afterAt, afterId, consumer, limit);
  }

  public Uni<ParkedEvent> get(UUID id) {
    return store
        .find(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("parked event", id));
  }

  /**
   * Runs the parked record through its consumer again, in one transaction with its removal. If the
   * consumer fails again the record stays parked with the new error, and the answer is a 409.
   */
  public Uni<Outcome> replay(UUID id, String actor) {
    return get(id).chain(parked -> replay(parked, consumer(parked), actor));
  }

  private Uni<Outcome> replay(ParkedEvent parked, ReplayableConsumer consumer, String actor) {
    return Panache.withTransaction(
            () ->
                consumer
                    .applyOnce(parked.toRecord())
                    .call(
                        () ->
                            Panache.getSession()
                                .chain(
                                    s ->
                                        s.createNativeQuery(DELETE)
                                            .setParameter(1, parked.id())
                                            .executeUpdate()))
                    .map(ran -> ran ? Outcome.APPLIED : Outcome.SKIPPED))
        .onFailure()
        .recoverWithUni(e -> failedAgain(parked, actor, e))
        .call(store::refreshCounts)
        .invoke(
            outcome ->
                LOG.infof(
                    "%s: parked event %s (%s, event %s) replayed by %s: %s",
                    parked.consumer(),
                    parked.id(),
                    parked.position(),
                    parked.eventId(),
                    actor,
                    outcome));
  }

  private Uni<Outcome> failedAgain(ParkedEvent parked, String actor, Throwable e) {
    String message = Parking.messages(e);
    LOG.warnf(
        "%s: replay of parked event %s (%s) by %s failed, it stays parked: %s: %s",
        parked.consumer(), parked.id(), parked.position(), actor, e.getClass().getName(), message);
    return store
        .failedAgain(parked.id(), e.getClass().getName(), message, Instant.now(clock))
        .chain(
            () ->
                Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "the consumer failed again, the event stays parked: " + message)));
  }

  /** Removes a parked record without applying it; the log keeps what was discarded, and by whom. */
  public Uni<Void> discard(UUID id, String actor) {
    return get(id)
        .call(
            parked ->
                store
                    .delete(id)
                    .invoke(
                        deleted ->
                            LOG.warnf(
                                "%s: parked event %s (%s, event %s, type %s) discarded by %s;"
                                    + " it was parked for %s: %s",
                                parked.consumer(),
                                parked.id(),
                                parked.position(),
                                parked.eventId(),
                                parked.eventType(),
                                actor,
                                parked.errorClass(),
                                parked.errorMessage())))
        .replaceWithVoid();
  }

  private ReplayableConsumer consumer(ParkedEvent parked) {
    for (ReplayableConsumer c : consumers) {
      if (c.consumerName().equals(parked.consumer())) {
        return c;
      }
    }
    throw ProblemException.conflict(
        "consumer " + parked.consumer() + " does not run in this service; replay it where it does");
  }
}
