package io.firebell.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The catalog itself: names, topics, record classes, and the topic settings file. */
class EventCatalogTest {

  private static final Pattern TYPE_NAME =
      Pattern.compile("io\\.firebell\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v1");

  /** Maven runs tests in the module directory; the settings file is shared by the whole suite. */
  private static final Path TOPICS_TSV = Path.of("..", "config", "topics.tsv");

  /** Component types an event may use; anything else (Date, LocalDateTime…) is a mistake. */
  private static final Set<Class<?>> ALLOWED_TYPES =
      Set.of(
          String.class,
          UUID.class,
          Instant.class,
          boolean.class,
          int.class,
          long.class,
          Boolean.class,
          Integer.class,
          Long.class,
          List.class,
          Map.class);

  @Test
  void typeNamesAreUniqueAndWellFormed() {
    Set<String> names = new HashSet<>();
    Set<String> shortNames = new HashSet<>();
    for (EventType<?> type : EventTypes.all()) {
      assertTrue(
          TYPE_NAME.matcher(type.name()).matches(),
          type.name() + " is not io.firebell.<aggregate>.<event>.v1 in kebab case");
      assertTrue(names.add(type.name()), "duplicate type name " + type.name());
      assertTrue(shortNames.add(type.shortName()), "duplicate short name " + type.shortName());
    }
  }

  @Test
  void everyTypeTravelsOnAKnownTopicAndEveryTopicCarriesEvents() {
    for (EventType<?> type : EventTypes.all()) {
      assertTrue(Topics.ALL.contains(type.topic()), type.name() + " is on unknown " + type.topic());
    }
    for (String topic : Topics.ALL) {
      assertFalse(EventTypes.onTopic(topic).isEmpty(), "no event type on " + topic);
    }
    assertEquals(
        EventTypes.all().size(),
        Topics.ALL.stream()
            .filter(t -> Topics.carrying(t).equals(t))
            .mapToInt(t -> EventTypes.onTopic(t).size())
            .sum());
    // detection's fast lane carries exactly the types of the bulk alerts topic (ADR 0107).
    assertEquals(EventTypes.onTopic(Topics.ALERTS), EventTypes.onTopic(Topics.ALERTS_FRESH));
  }

  @Test
  void everyTypeIsFoundByNameAndByItsOwnRecordClass() {
    Set<Class<?>> classes = new HashSet<>();
    for (EventType<?> type : EventTypes.all()) {
      assertTrue(classes.add(type.dataClass()), "two types share " + type.dataClass());
      assertSame(type, EventTypes.byName(type.name()).orElseThrow());
      assertSame(type, EventTypes.of(type.dataClass()));
    }
    assertTrue(EventTypes.byName("io.firebell.incident.exploded.v1").isEmpty());
  }

  @Test
  void eventsAreRecordsOfPlainJsonTypes() {
    for (EventType<?> type : EventTypes.all()) {
      assertTrue(type.dataClass().isRecord(), type.dataClass() + " is not a record");
      assertTrue(FirebellEvent.class.isAssignableFrom(type.dataClass()));
      checkComponents(type.dataClass());
    }
  }

  private static void checkComponents(Class<?> recordClass) {
    for (RecordComponent component : recordClass.getRecordComponents()) {
      Class<?> type = component.getType();
      boolean nestedRecord =
          type.isRecord() && type.getPackageName().startsWith("io.firebell.contracts");
      if (nestedRecord) {
        checkComponents(type);
      } else if (!ALLOWED_TYPES.contains(type)) {
        fail(recordClass.getSimpleName() + "." + component.getName() + " has type " + type);
      }
    }
  }

  @Test
  void topicsMatchTheTopicSettingsFile() throws IOException {
    List<String> lines = Files.readAllLines(TOPICS_TSV, StandardCharsets.UTF_8);
    List<String> inFile = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      inFile.add(line.split("\t", -1)[0].strip());
    }
    Set<String> fileTopics = new LinkedHashSet<>(inFile);
    assertEquals(inFile.size(), fileTopics.size(), "a topic is listed twice in " + TOPICS_TSV);

    Set<String> missingFromFile = new LinkedHashSet<>(Topics.ALL);
    missingFromFile.removeAll(fileTopics);
    Set<String> missingFromTopics = new LinkedHashSet<>(fileTopics);
    missingFromTopics.removeAll(Topics.ALL);
    assertTrue(
        missingFromFile.isEmpty(), "in Topics.ALL but not in topics.tsv: " + missingFromFile);
    assertTrue(
        missingFromTopics.isEmpty(), "in topics.tsv but not in Topics.ALL: " + missingFromTopics);
    assertEquals(Topics.ALL.size(), Set.copyOf(Topics.ALL).size(), "Topics.ALL has a duplicate");
  }
}
