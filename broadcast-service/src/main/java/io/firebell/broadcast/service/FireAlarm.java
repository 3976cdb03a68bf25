package io.firebell.broadcast.service;

import io.firebell.broadcast.model.Announcement;
import io.firebell.broadcast.model.Audience;
import io.firebell.broadcast.model.Incident;
import io.firebell.broadcast.repository.AnnouncementRepository;
import io.firebell.broadcast.repository.AudienceRepository;
import io.firebell.platform.warmup.Warmup;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private final AudienceRepository audiences;
  private final AnnouncementRepository announcements;
  private final MessageRenderer renderer;
  private final Fanout fanout;
  private final MeterRegistry registry;
  private final Clock clock;

  public FireAlarm(
      AudienceRepository audiences,
      AnnouncementRepository announcements,
      MessageRenderer renderer,
      Fanout fanout,
      MeterRegistry registry,
      Clock clock) {
    this.audiences = audiences;
    this.announcements = announcements;
    this.renderer = renderer;
    this.fanout = fanout;
    this.registry = registry;
    this.clock = clock;
  }

  /** Runs inside the transaction that records the declaration (the consumer's inbox). */
  @WithSpan("FireAlarm.ring")
  public Uni<Announcement> ring(Incident incident) {
    UUID id = UUID.randomUUID();
    return audiences
        .list("scope = ?1 order by key", Audience.INTERNAL)
        .chain(
            internal -> {
              Map<String, String> byRegister = new LinkedHashMap<>();
              Map<String, String> texts = new LinkedHashMap<>();
              for (Audience a : internal) {
                texts.put(
                    a.key(),
                    byRegister.computeIfAbsent(
                        a.register(), r -> renderer.announcement(r, incident)));
              }
              List<String> keys = List.copyOf(texts.keySet());
              return fanout
                  .listeners(keys, subject(incident))
                  .chain(
                      listeners -> {
                        List<String> reached =
                            keys.stream()
                                .filter(
                                    k ->
                                        listeners.stream().anyMatch(l -> l.audienceKey().equals(k)))
                                .toList();
                        Map<String, String> sent = new LinkedHashMap<>();
                        reached.forEach(k -> sent.put(k, texts.get(k)));
                        return fanout
                            .send(
                                KIND,
                                id,
                                incident.id(),
                                listeners,
                                key -> content(incident, texts.get(key)))
                            .chain(
                                count ->
                                    announcements.persist(
                                        new Announcement(
                                            id,
                                            incident.id(),
                                            reached,
                                            count,
                                            sent,
                                            Instant.now(clock))));
                      });
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
