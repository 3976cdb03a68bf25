package io.firebell.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast path reads exactly what Jackson's own deserializers read, and hands over the rest. */
class FastIsoTimesTest {

  private static final ObjectMapper JACKSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final ObjectMapper FAST =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(FastIsoTimes.module())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final List<String> VALUES =
      List.of(
          "2026-03-12T10:58:05Z",
          "2026-03-12T10:58:05.4Z",
          "2026-03-12T10:58:05.412Z",
          "2026-11-26T02:00:08.738599477Z",
          "2026-03-12T10:58:05.123456Z",
          "0001-01-01T00:00:00Z",
          "2024-02-29T23:59:59.999999999Z",
          "2026-03-12T19:58:05.412+09:00",
          "2026-03-12T01:00:00-05:30",
          "2026-03-12t10:58:05z",
          "1970-01-01T00:00:00Z");

  @Test
  void readsTheCommonFormsExactlyAsJacksonDoes() throws Exception {
    for (String v : VALUES) {
      String json = "\"" + v + "\"";
      assertEquals(JACKSON.readValue(json, Instant.class), FAST.readValue(json, Instant.class), v);
      assertEquals(
          JACKSON.readValue(json, OffsetDateTime.class),
          FAST.readValue(json, OffsetDateTime.class),
          v);
    }
  }

  @Test
  void leavesEverythingElseToJackson() throws Exception {
    assertNull(FastIsoTimes.parse("2026-02-30T10:00:00Z"));
    assertNull(FastIsoTimes.parse("2026-03-12T10:58:60Z"));
    assertNull(FastIsoTimes.parse("2026-03-12T10:58:05"));
    assertNull(FastIsoTimes.parse("2026-03-12T10:58:05.Z"));
    assertNull(FastIsoTimes.parse("2026-03-12T10:58:05.1234567891Z"));
    assertNull(FastIsoTimes.parse("2026-03-12 10:58:05Z"));
    assertEquals(
        JACKSON.readValue("1773313085.412", Instant.class),
        FAST.readValue("1773313085.412", Instant.class));
    assertThrows(
        InvalidFormatException.class,
        () -> FAST.readValue("\"2026-02-30T10:00:00Z\"", Instant.class));
    assertThrows(
        InvalidFormatException.class, () -> FAST.readValue("\"yesterday\"", OffsetDateTime.class));
  }
}
