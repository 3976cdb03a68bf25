package io.firebell.incident.service;

import io.firebell.contracts.FirebellEvent;
import io.firebell.incident.model.Timeline;
import io.firebell.incident.repository.TimelineRepository;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes what an incident's change caused, inside the caller's transaction: each event goes to the
 * outbox and onto the incident's timeline. Call it from a use case's transaction only.
 */
@ApplicationScoped
public class EventRecorder {

  private final Outbox outbox;
  private final TimelineRepository timeline;
  private final EventCodec codec;

  public EventRecorder(Outbox outbox, TimelineRepository timeline, EventCodec codec) {
    this.outbox = outbox;
    this.timeline = timeline;
    this.codec = codec;
  }

  public Uni<Void> record(List<? extends FirebellEvent> events) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (FirebellEvent event : events) {
      if (event == null) {
        continue;
      }
      chain =
          chain
              .chain(() -> outbox.append(event))
              .chain(() -> timeline.persist(Timeline.entryFor(event, codec.toJson(event))))
              .replaceWithVoid();
    }
    return chain;
  }

  public Uni<Void> record(FirebellEvent... events) {
    return record(Arrays.stream(events).filter(Objects::nonNull).toList());
  }
}
