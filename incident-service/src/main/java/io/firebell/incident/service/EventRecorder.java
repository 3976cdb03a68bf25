package io.firebell.incident.service;

import io.firebell.contracts.FirebellEvent;
import io.firebell.incident.model.Incident;
import io.firebell.incident.model.Timeline;
import io.firebell.incident.model.TimelineEntry;
import io.firebell.platform.db.JsonRow;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes what an incident's change caused, inside the caller's transaction: each event goes to the
 * outbox and onto the incident's timeline, both in one statement (ADR 0156). Call it from a use
 * case's transaction only.
 */
@ApplicationScoped
public class EventRecorder {

  private final Outbox outbox;
  private final EventCodec codec;

  public EventRecorder(Outbox outbox, EventCodec codec) {
    this.outbox = outbox;
    this.codec = codec;
  }

  public Uni<Void> record(List<? extends FirebellEvent> events) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (FirebellEvent event : events) {
      if (event == null) {
        continue;
      }
      chain = chain.chain(() -> append(event, List.of(), List.of()));
    }
    return chain;
  }

  /**
   * Records a declaration: the new incident's row, the event, its timeline entry and then {@code
   * more} timeline entries go in one statement (ADR 0156), one round trip for all of them.
   */
  public Uni<Void> recordDeclaration(Incident.Declared declared, List<TimelineEntry> more) {
    List<JsonRow> after = more.stream().map(TimelineEntry::row).toList();
    return append(declared.event(), List.of(declared.incident().row()), after);
  }

  /** The event to the outbox and onto the timeline, between {@code before} and {@code after}. */
  private Uni<Void> append(FirebellEvent event, List<JsonRow> before, List<JsonRow> after) {
    List<JsonRow> all = new ArrayList<>(before);
    all.add(Timeline.entryFor(event, codec.toJson(event)).row());
    all.addAll(after);
    return outbox.append(event, all);
  }

  public Uni<Void> record(FirebellEvent... events) {
    return record(Arrays.stream(events).filter(Objects::nonNull).toList());
  }
}
