package io.firebell.broadcast.service;

import io.firebell.broadcast.delivery.DeliveryQueue;
import io.firebell.broadcast.delivery.OutgoingMessage;
import io.firebell.broadcast.repository.SubscriptionRepository;
import io.firebell.broadcast.repository.SubscriptionRepository.Listener;
import io.firebell.platform.db.JsonRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * From audiences to endpoints: picks the subscriptions whose filters match what a message is about,
 * renders each body once per (audience, endpoint kind), and queues one delivery per endpoint in the
 * caller's transaction.
 */
@ApplicationScoped
public class Fanout {

  private final SubscriptionRepository subscriptions;
  private final ChannelBodies bodies;
  private final DeliveryQueue queue;

  public Fanout(SubscriptionRepository subscriptions, ChannelBodies bodies, DeliveryQueue queue) {
    this.subscriptions = subscriptions;
    this.bodies = bodies;
    this.queue = queue;
  }

  /**
   * What a message is about, for the subscriptions' filters.
   *
   * @param severity e.g. {@code SEV2}
   * @param kind the incident's kind (detection method), or null when unknown (matches every kind
   *     filter)
   */
  public record Subject(List<String> services, List<String> domains, String severity, String kind) {

    /** A subject of unknown kind. */
    public Subject(List<String> services, List<String> domains, String severity) {
      this(services, domains, severity, null);
    }
  }

  /**
   * The endpoints that hear a message to these audiences about this subject (see {@link
   * SubscriptionRepository#listeners}). An endpoint subscribed to several of them gets the message
   * once, as the audience listed first.
   */
  public Uni<List<Listener>> listeners(List<String> audienceKeys, Subject subject) {
    return subscriptions
        .listeners(
            audienceKeys, subject.services(), subject.domains(), subject.severity(), subject.kind())
        .map(all -> oncePerEndpoint(all, Comparator.comparingInt(audienceKeys::indexOf)));
  }

  /**
   * The endpoints that hear a message to every audience of a scope about this subject, in one
   * query. An endpoint subscribed to several of them gets the message once, as the audience whose
   * key sorts first.
   */
  public Uni<List<Listener>> listenersInScope(String scope, Subject subject) {
    return subscriptions
        .listenersInScope(
            scope, subject.services(), subject.domains(), subject.severity(), subject.kind())
        .map(all -> oncePerEndpoint(all, Comparator.naturalOrder()));
  }

  /** One listener per endpoint, the one whose audience comes first in {@code audienceOrder}. */
  private static List<Listener> oncePerEndpoint(
      List<Listener> all, Comparator<String> audienceOrder) {
    Map<UUID, Listener> byEndpoint = new LinkedHashMap<>();
    for (Listener l : all) {
      byEndpoint.merge(
          l.endpointId(),
          l,
          (a, b) -> audienceOrder.compare(b.audienceKey(), a.audienceKey()) < 0 ? b : a);
    }
    return List.copyOf(byEndpoint.values());
  }

  /**
   * Queues the message for the listeners, in the caller's transaction.
   *
   * @param content what to say to one audience; called once per audience
   * @return how many endpoints it was queued for
   */
  public Uni<Integer> send(
      String kind,
      UUID messageId,
      UUID incidentId,
      List<Listener> listeners,
      Function<String, ChannelBodies.Content> content) {
    return send(kind, messageId, incidentId, listeners, content, null);
  }

  /**
   * As {@link #send(String, UUID, UUID, List, Function)}, and inserts the message's own row in the
   * statement that queues its deliveries (see {@link JsonRow}).
   *
   * @param own the message's row, or null for none
   */
  public Uni<Integer> send(
      String kind,
      UUID messageId,
      UUID incidentId,
      List<Listener> listeners,
      Function<String, ChannelBodies.Content> content,
      JsonRow own) {
    if (listeners.isEmpty() && own == null) {
      return Uni.createFrom().item(0);
    }
    Map<String, ChannelBodies.Content> contents = new HashMap<>();
    Map<String, String> rendered = new HashMap<>();
    List<OutgoingMessage.Recipient> recipients = new ArrayList<>(listeners.size());
    for (Listener l : listeners) {
      String body =
          rendered.computeIfAbsent(
              l.audienceKey() + '\u0000' + l.endpointKind(),
              k ->
                  bodies.body(
                      l.endpointKind(),
                      l.audienceKey(),
                      contents.computeIfAbsent(l.audienceKey(), content)));
      recipients.add(
          new OutgoingMessage.Recipient(
              l.endpointId(), l.audienceKey(), ChannelBodies.CONTENT_TYPE, body));
    }
    return queue
        .enqueue(
            new OutgoingMessage(
                kind, messageId, incidentId, Collections.unmodifiableList(recipients)),
            own)
        .replaceWith(recipients.size());
  }
}
