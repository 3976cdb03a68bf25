package io.firebell.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Absent, null and a value stay three things through a real ObjectMapper set up as a service's. */
class PatchTest {

  /** Like the services' mapper: unknown fields are ignored unless the body is a merge patch. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(FastIsoTimes.module())
          .addModule(MergePatch.module())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  @MergePatch.ReadOnly(field = "status", hint = "changes elsewhere")
  record Changes(Patch<String> title, Patch<List<String>> tags, Patch<Instant> at)
      implements MergePatch {}

  /** Not a merge patch: unknown fields stay ignored. */
  record Other(String title) {}

  private static Changes read(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, Changes.class);
  }

  @Test
  void aFieldLeftOutIsAbsent() throws Exception {
    Changes c = read("{}");
    assertEquals(Patch.absent(), c.title());
    assertFalse(c.title().isPresent());
    assertFalse(c.tags().isPresent());
    assertFalse(c.at().isPresent());
    assertThrows(IllegalStateException.class, () -> c.title().value());
  }

  @Test
  void nullClears() throws Exception {
    Changes c = read("{\"title\":null,\"tags\":null,\"at\":null}");
    for (Patch<?> p : List.of(c.title(), c.tags(), c.at())) {
      assertTrue(p.isPresent());
      assertTrue(p.isCleared());
      assertNull(p.value());
    }
  }

  @Test
  void aValueSets() throws Exception {
    Changes c =
        read(
            "{\"title\":\"Checkout fails\",\"tags\":[\"a\",\"b\"],\"at\":\"2026-03-12T10:57:30Z\"}");
    assertEquals(Patch.of("Checkout fails"), c.title());
    assertFalse(c.title().isCleared());
    assertEquals(List.of("a", "b"), c.tags().value());
    assertEquals(Instant.parse("2026-03-12T10:57:30Z"), c.at().value());
    // the three fields are independent
    Changes mixed = read("{\"title\":\"x\",\"at\":null}");
    assertEquals(Patch.of("x"), mixed.title());
    assertEquals(Patch.absent(), mixed.tags());
    assertTrue(mixed.at().isCleared());
  }

  @Test
  void mapKeepsAbsentAbsentAndSeesNullForACleared() {
    assertEquals(Patch.absent(), Patch.<String>absent().map(String::length));
    assertEquals(Patch.of(3), Patch.of("abc").map(String::length));
    assertEquals(Patch.of("cleared"), Patch.<String>of(null).map(v -> v == null ? "cleared" : v));
  }

  @Test
  void numbersAndBooleansAreNotCoercedIntoStringsOrTimes() {
    for (String json :
        List.of(
            "{\"title\":5}",
            "{\"title\":true}",
            "{\"title\":{}}",
            "{\"tags\":[\"a\",1]}",
            "{\"tags\":\"a\"}",
            "{\"at\":1700000000}",
            "{\"at\":\"yesterday\"}")) {
      MismatchedInputException e =
          assertThrows(MismatchedInputException.class, () -> read(json), json);
      String field = e.getPath().get(0).getFieldName();
      assertTrue(json.contains("\"" + field + "\""), json + " blamed " + field);
    }
  }

  @Test
  void unknownFieldsOfAMergePatchAreRefusedWithTheFieldsThatExist() {
    UnrecognizedPropertyException e =
        assertThrows(UnrecognizedPropertyException.class, () -> read("{\"colour\":\"red\"}"));
    assertEquals("colour", e.getPropertyName());
    assertEquals(Changes.class, e.getReferringClass());
    Set<String> known =
        e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toSet());
    assertEquals(Set.of("title", "tags", "at"), known);
    assertEquals(
        "status",
        assertThrows(UnrecognizedPropertyException.class, () -> read("{\"status\":\"x\"}"))
            .getPropertyName());
  }

  @Test
  void otherBodiesStillIgnoreUnknownFields() throws Exception {
    assertEquals(new Other("x"), MAPPER.readValue("{\"title\":\"x\",\"colour\":1}", Other.class));
  }

  @Test
  void aBodyThatIsNotAnObjectIsAMismatch() {
    MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> read("[1,2]"));
    assertTrue(e.getPath().isEmpty());
    assertEquals(Changes.class, e.getTargetType());
  }
}
