package io.firebell.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void wellFormedUtf8Passes() {
    for (String text : List.of("", "plain ascii", "é", "☃ snow", "🔥 fire", "\u0080", "\uffff")) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      assertThatCode(() -> StrictUtf8.check(b, 0, b.length)).as(text).doesNotThrowAnyException();
    }
  }

  @Test
  void bytesNoUtf8EncoderWritesAreRefused() {
    for (byte[] b :
        List.of(
            bytes(0xC0, 0xAF), // overlong '/'
            bytes(0xE0, 0x80, 0xAF), // overlong '/'
            bytes(0xF0, 0x80, 0x80, 0xAF), // overlong '/'
            bytes(0xED, 0xA0, 0x80), // a UTF-16 surrogate
            bytes(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
            bytes(0xC3, 0x28), // a continuation byte missing
            bytes(0x80), // a continuation byte alone
            bytes(0xC3), // cut short
            bytes(0xFF))) {
      assertThatThrownBy(() -> StrictUtf8.check(b, 0, b.length))
          .isInstanceOf(JsonProcessingException.class);
    }
  }

  @Test
  void theServicesMapperRefusesAnOverlongSlashAsMalformedJson() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    new FirebellObjectMapperCustomizer().customize(mapper);
    byte[] body = bytes('{', '"', 'a', '"', ':', '"', 0xC0, 0xAF, '"', '}');
    assertThatThrownBy(() -> mapper.readValue(body, Map.class))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> mapper.readValue(new ByteArrayInputStream(body), Map.class))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> mapper.readValue("{}]", Map.class))
        .as("trailing tokens")
        .isInstanceOf(JsonProcessingException.class);
    // Readers of other types trim their text: a NUL must not become an absent UUID or time.
    for (Class<?> type :
        List.of(java.util.UUID.class, java.time.Instant.class, java.time.OffsetDateTime.class)) {
      assertThatThrownBy(() -> mapper.readValue("\"\\u0000\"", type))
          .as(type.getSimpleName())
          .isInstanceOf(StorableStrings.UnstorableTextException.class);
    }
    assertThat(mapper.readValue("\"2026-12-06T10:00:00Z\"", java.time.Instant.class))
        .isEqualTo(java.time.Instant.parse("2026-12-06T10:00:00Z"));
    byte[] fine = "{\"a\":\"/ é\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(mapper.readValue(new ByteArrayInputStream(fine), Map.class))
        .containsEntry("a", "/ é");
  }
}
