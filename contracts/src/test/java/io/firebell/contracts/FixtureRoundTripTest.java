package io.firebell.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.firebell.contracts.incident.IncidentDeclared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type has a committed fixture, and fixture → record → JSON → record changes nothing.
 * The mapper is strict so that a fixture cannot drift from its record: an unknown field, a missing
 * field or a null primitive fails.
 */
class FixtureRoundTripTest {

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  /** What a consumer runs with (Quarkus' default): unknown fields are ignored. */
  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final Path FIXTURE_DIR = Path.of("src", "main", "resources", "fixtures");

  static Stream<String> typeNames() {
    return EventTypes.all().stream().map(EventType::name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeNames")
  void fixtureRoundTripsUnchanged(String typeName) throws IOException {
    EventType<?> type = EventTypes.byName(typeName).orElseThrow();
    String fixture = Fixtures.json(type);
    JsonNode fixtureTree = STRICT.readTree(fixture);

    FirebellEvent event = STRICT.readValue(fixture, type.dataClass());
    String written = STRICT.writeValueAsString(event);
    JsonNode writtenTree = STRICT.readTree(written);
    FirebellEvent reread = STRICT.readValue(written, type.dataClass());

    assertEquals(fixtureTree, writtenTree, "record → JSON differs from " + type.shortName());
    assertEquals(event, reread, "JSON → record differs for " + type.shortName());
    assertFalse(writtenTree.has("aggregateId"), "aggregateId() leaked into the JSON data");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeNames")
  void fixtureHasANonBlankAggregateId(String typeName) throws IOException {
    EventType<?> type = EventTypes.byName(typeName).orElseThrow();
    FirebellEvent event = STRICT.readValue(Fixtures.json(type), type.dataClass());
    String key = event.aggregateId();
    assertTrue(key != null && !key.isBlank(), type.shortName() + " has a blank aggregate id");
  }

  @Test
  void everyFixtureFileBelongsToAType() throws IOException {
    Set<String> expected =
        EventTypes.all().stream()
            .map(t -> t.shortName() + ".json")
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> present;
    try (Stream<Path> files = Files.list(FIXTURE_DIR)) {
      present =
          files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(expected, present);
  }

  @Test
  void aConsumerReadsANewerEventAndAnOlderOne() throws IOException {
    ObjectNode json = (ObjectNode) LENIENT.readTree(Fixtures.json(EventTypes.INCIDENT_DECLARED));
    json.put("fieldAddedLater", "ignored by consumers");
    json.remove("services");

    IncidentDeclared event = LENIENT.treeToValue(json, IncidentDeclared.class);

    assertTrue(event.services().isEmpty(), "a missing list reads as empty, never null");
    assertEquals(event.incidentId().toString(), event.aggregateId());
  }

  @Test
  void eventsCannotChangeAfterTheyAreRead() throws IOException {
    IncidentDeclared event =
        STRICT.readValue(Fixtures.json(EventTypes.INCIDENT_DECLARED), IncidentDeclared.class);
    assertThrows(UnsupportedOperationException.class, () -> event.services().add("payment-api"));
  }
}
