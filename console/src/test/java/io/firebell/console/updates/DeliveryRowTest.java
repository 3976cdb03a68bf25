package io.firebell.console.updates;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.client.Http;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRowTest {

  private static DeliveryRow row(String json) throws Exception {
    return DeliveryRow.of(Http.JSON.readTree(json));
  }

  @Test
  void saysEachStatusInACommunicatorsWords() throws Exception {
    DeliveryRow delivered =
        row(
            "{\"id\":\"a\",\"messageKind\":\"update\",\"endpointName\":\"app\",\"channel\":\"webhook\","
                + "\"status\":\"succeeded\",\"attempts\":1,\"lastHttpStatus\":200}");
    DeliveryRow retrying =
        row(
            "{\"id\":\"b\",\"messageKind\":\"announcement\",\"status\":\"failed\",\"attempts\":2,"
                + "\"lastError\":\"Connection refused\",\"nextAttemptAt\":\"2026-03-12T10:00:05Z\"}");
    DeliveryRow dead =
        row(
            "{\"id\":\"c\",\"messageKind\":\"update\",\"status\":\"dead\",\"attempts\":1,"
                + "\"lastHttpStatus\":404,\"lastError\":\"HTTP 404\"}");
    DeliveryRow queued =
        row("{\"id\":\"d\",\"messageKind\":\"report_share\",\"status\":\"pending\"}");

    assertThat(List.of(delivered, retrying, dead, queued))
        .extracting(DeliveryRow::state)
        .containsExactly("delivered", "retrying", "dead-lettered", "queued");
    assertThat(List.of(delivered, retrying, dead, queued))
        .extracting(DeliveryRow::message)
        .containsExactly("Update", "Fire alarm", "Update", "Report");
    assertThat(delivered.lastAnswer()).isEqualTo("HTTP 200");
    assertThat(retrying.lastAnswer()).isEqualTo("Connection refused");
    assertThat(retrying.nextAttemptAt()).isEqualTo("2026-03-12T10:00:05Z");
    assertThat(dead.lastAnswer()).isEqualTo("HTTP 404");
    assertThat(List.of(delivered, retrying, dead, queued))
        .extracting(DeliveryRow::replayable)
        .containsExactly(false, false, true, false);
    assertThat(DeliveryRow.summary(List.of(delivered, delivered, retrying, dead, queued)))
        .isEqualTo("2 delivered, 1 retrying, 1 queued, 1 dead-lettered");
    assertThat(DeliveryRow.summary(List.of())).isEmpty();
  }
}
