package io.firebell.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.firebell.contracts.EventType;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Fixtures;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.review.ReportPublished;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A consumer's handlers receive typed data, by type; unknown types are not theirs. */
class EventHandlersTest {

  private static final EventCodec CODEC =
      new EventCodec(
          JsonMapper.builder()
              .addModule(new JavaTimeModule())
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build());

  private final EventHandlers<String> handlers =
      EventHandlers.on(
              EventTypes.INCIDENT_DECLARED, (IncidentDeclared d) -> "declared " + d.title())
          .onEvent(
              EventTypes.REPORT_PUBLISHED,
              (ReportPublished p, IncomingEvent e) -> "published v" + p.version() + " as " + e.id())
          .build();

  @Test
  void eachTypeReachesItsHandlerWithItsRecord() {
    assertEquals(
        "declared Placing orders is slow: order-api p99 latency above 2 s",
        handlers.handle(fixture(EventTypes.INCIDENT_DECLARED, UUID.randomUUID()), CODEC));
  }

  @Test
  void theEnvelopeVariantAlsoReceivesTheEvent() {
    UUID id = UUID.randomUUID();
    assertEquals(
        "published v1 as " + id, handlers.handle(fixture(EventTypes.REPORT_PUBLISHED, id), CODEC));
  }

  @Test
  void aTypeWithoutAHandlerIsNotHandled() {
    assertTrue(handlers.handles(EventTypes.INCIDENT_DECLARED.name()));
    assertFalse(handlers.handles(EventTypes.INCIDENT_UPDATED.name()));
    assertFalse(handlers.handles("com.example.something.v1"));
    assertEquals(
        Set.of(EventTypes.INCIDENT_DECLARED.name(), EventTypes.REPORT_PUBLISHED.name()),
        handlers.types());
    IncomingEvent updated = fixture(EventTypes.INCIDENT_UPDATED, UUID.randomUUID());
    assertThrows(IllegalArgumentException.class, () -> handlers.handle(updated, CODEC));
  }

  @Test
  void aTypeIsRegisteredOnce() {
    EventHandlers.Builder<String> builder =
        EventHandlers.on(EventTypes.INCIDENT_DECLARED, d -> "first");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.onEvent(EventTypes.INCIDENT_DECLARED, (d, event) -> "second"));
    assertTrue(e.getMessage().contains(EventTypes.INCIDENT_DECLARED.name()), e.getMessage());
  }

  @Test
  void dataThatIsNotARecordOfItsTypeIsMalformed() {
    IncomingEvent event =
        event(EventTypes.INCIDENT_DECLARED, UUID.randomUUID(), "{\"services\": 42}");
    assertThrows(MalformedEventException.class, () -> handlers.handle(event, CODEC));
  }

  private static IncomingEvent fixture(EventType<?> type, UUID id) {
    return event(type, id, Fixtures.json(type));
  }

  private static IncomingEvent event(EventType<?> type, UUID id, String json) {
    return new IncomingEvent(
        id,
        type.name(),
        "/firebell/test",
        Instant.now(),
        "key",
        "key",
        type.topic(),
        0,
        0L,
        json.getBytes(StandardCharsets.UTF_8));
  }
}
