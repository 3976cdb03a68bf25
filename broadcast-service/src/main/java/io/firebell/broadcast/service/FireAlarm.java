package io.firebell.broadcast.service;

import io.firebell.broadcast.model.Announcement;
import io.firebell.broadcast.model.Audience;
import io.firebell.broadcast.model.Endpoint;
import io.firebell.broadcast.model.Incident;
import io.firebell.broadcast.repository.SubscriptionRepository.Listener;
import io.firebell.platform.db.JsonRow;
import io.firebell.platform.warmup.Warmup;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Rings the fire alarm: the moment an incident is declared, every subscribed internal audience
 * hears the confirmed minimum (title, grade, times, impact scope, affected services and domains,
 * war room, reference). Never an external audience: what outsiders hear is a communicator's
 * structured update.
 */
@ApplicationScoped
public class FireAlarm {

  public static final String KIND = "announcement";

  /** What a warm-up queues to when nobody listens: no endpoint has this id. */
  private static final Listener WARM_UP_LISTENER =
      new Listener(new UUID(0, 0), Endpoint.WEBHOOK, Audience.DEV_ORG, Audience.ENGINEERING);

  private final MessageRenderer renderer;
  private final Fanout fanout;
  private final MeterRegistry registry;
  private final Clock clock;

  public FireAlarm(MessageRenderer renderer, Fanout fanout, MeterRegistry registry, Clock clock) {
    this.renderer = renderer;
    this.fanout = fanout;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Runs inside the transaction that records the declaration (the consumer's inbox): one query
   * finds the internal audiences' listeners with their registers, one statement queues the
   * deliveries and inserts the announcement.
   */
  @WithSpan("FireAlarm.ring")
  public Uni<Announcement> ring(Incident incident) {
    UUID id = UUID.randomUUID();
    return fanout
        .listenersInScope(Audience.INTERNAL, subject(incident))
        .chain(
            heard -> {
              List<Listener> listeners = heard;
              Map<String, String> byRegister = new HashMap<>();
              if (Warmup.active()) {
                // A warm-up renders every register, whoever listens, and builds a body and runs
                // the statement that queues it even when nobody listens yet (a fresh suite): to
                // an endpoint that does not exist, so nothing is queued (ADR 0141).
                Audience.REGISTERS.forEach(
                    r -> byRegister.put(r, renderer.announcement(r, incident)));
                if (listeners.isEmpty()) {
                  listeners = List.of(WARM_UP_LISTENER);
                }
              }
              // Audience key → its text, in key order: the audiences that have a listener.
              Map<String, String> sent = new TreeMap<>();
              for (Listener l : listeners) {
                sent.computeIfAbsent(
                    l.audienceKey(),
                    k ->
                        byRegister.computeIfAbsent(
                            l.audienceRegister(), r -> renderer.announcement(r, incident)));
              }
              Announcement announcement =
                  new Announcement(
                      id,
                      incident.id(),
                      List.copyOf(sent.keySet()),
                      listeners.size(),
                      sent,
                      Instant.now(clock));
              return fanout
                  .send(
                      KIND,
                      id,
                      incident.id(),
                      listeners,
                      key -> content(incident, sent.get(key)),
                      new JsonRow("announcement", announcement.columns()))
                  .replaceWith(announcement);
            })
        .invoke(
            a -> {
              if (!Warmup.active()) { // a warm-up rolls back: it counts nothing (ADR 0141)
                registry.counter("firebell.broadcast.announcements").increment();
              }
            });
  }

  static Fanout.Subject subject(Incident incident) {
    return new Fanout.Subject(
        incident.services(), incident.domains(), incident.severity(), incident.detectionMethod());
  }

  private ChannelBodies.Content content(Incident i, String text) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("incidentId", i.id());
    fields.put("reference", i.reference());
    fields.put("title", i.title());
    fields.put("severity", i.severity());
    fields.put("status", i.status());
    fields.put("occurredAt", i.occurredAt());
    fields.put("declaredAt", i.declaredAt());
    fields.put("impactScope", i.impactScope());
    fields.put("services", i.services());
    fields.put("domains", i.domains());
    fields.put("warRoomUrl", i.warRoomUrl());
    fields.put("detectionMethod", i.detectionMethod());
    fields.put("partner", i.partner());
    String link = i.warRoomUrl() != null ? i.warRoomUrl() : null;
    return new ChannelBodies.Content(KIND, text, link, "Join the war room", fields);
  }
}
