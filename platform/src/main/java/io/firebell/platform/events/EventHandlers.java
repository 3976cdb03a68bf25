package io.firebell.platform.events;

import io.firebell.contracts.EventType;
import io.firebell.contracts.FirebellEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The event types a consumer handles and what it does with each, declared once:
 *
 * <pre>{@code
 * EventHandlers<Uni<Void>> handlers =
 *     EventHandlers.on(EventTypes.INCIDENT_DECLARED, incidents::declared)
 *         .on(EventTypes.INCIDENT_UPDATED, incidents::updated)
 *         .build();
 * }</pre>
 *
 * A handler receives the event's data already bound to the record of its type; {@link
 * Builder#onEvent} also hands over the envelope (id, time, source). A type without a handler is not
 * the consumer's business: {@link io.firebell.platform.inbox.Inbox#consume} skips it before any
 * transaction opens.
 *
 * @param <R> what a handler returns: for {@code Inbox.consume} the effect to run in the inbox's
 *     transaction
 */
public final class EventHandlers<R> {

  /** A handler that needs the envelope as well as the data, e.g. for the event id. */
  @FunctionalInterface
  public interface WithEnvelope<T, R> {
    R handle(T data, IncomingEvent event);
  }

  private record Handler<T extends FirebellEvent, R>(
      EventType<T> type, WithEnvelope<? super T, ? extends R> handler) {

    R handle(IncomingEvent event, EventCodec codec) {
      return handler.handle(codec.data(event, type), event);
    }
  }

  private final Map<String, Handler<?, R>> byName;

  private EventHandlers(Map<String, Handler<?, R>> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** An empty builder, for when the result type must be spelled out. */
  public static <R> Builder<R> builder() {
    return new Builder<>();
  }

  /** A builder whose first handler is {@code handler}, for events of {@code type}. */
  public static <T extends FirebellEvent, R> Builder<R> on(
      EventType<T> type, Function<? super T, ? extends R> handler) {
    return EventHandlers.<R>builder().on(type, handler);
  }

  /** A builder whose first handler, for {@code type}, also receives the envelope. */
  public static <T extends FirebellEvent, R> Builder<R> onEvent(
      EventType<T> type, WithEnvelope<? super T, ? extends R> handler) {
    return EventHandlers.<R>builder().onEvent(type, handler);
  }

  /** Whether there is a handler for the CloudEvents type {@code type}. */
  public boolean handles(String type) {
    return byName.containsKey(type);
  }

  /** The CloudEvents type names handled. */
  public Set<String> types() {
    return byName.keySet();
  }

  /**
   * Binds the event's data to its record and runs the handler of its type.
   *
   * @throws MalformedEventException when the data is not a record of the type
   * @throws IllegalArgumentException when no handler is registered for the type (check {@link
   *     #handles} first)
   */
  public R handle(IncomingEvent event, EventCodec codec) {
    Handler<?, R> handler = byName.get(event.type());
    if (handler == null) {
      throw new IllegalArgumentException(
          "no handler for event " + event.id() + " of type " + event.type());
    }
    return handler.handle(event, codec);
  }

  /** Collects the handlers; a type may be registered once. */
  public static final class Builder<R> {

    private final Map<String, Handler<?, R>> byName = new HashMap<>();

    private Builder() {}

    /** Handles events of {@code type} with their data. */
    public <T extends FirebellEvent> Builder<R> on(
        EventType<T> type, Function<? super T, ? extends R> handler) {
      Objects.requireNonNull(handler, "handler");
      return onEvent(type, (data, event) -> handler.apply(data));
    }

    /** Handles events of {@code type} with their data and envelope. */
    public <T extends FirebellEvent> Builder<R> onEvent(
        EventType<T> type, WithEnvelope<? super T, ? extends R> handler) {
      Objects.requireNonNull(handler, "handler");
      if (byName.putIfAbsent(type.name(), new Handler<>(type, handler)) != null) {
        throw new IllegalArgumentException(type.name() + " already has a handler");
      }
      return this;
    }

    public EventHandlers<R> build() {
      return new EventHandlers<>(byName);
    }
  }
}
