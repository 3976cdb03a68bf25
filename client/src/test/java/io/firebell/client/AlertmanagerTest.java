package io.firebell.client;

import static io.firebell.client.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerTest {

  @Test
  void writesTheVersion4WebhookPayloadWithItsFieldsInAlertmanagersOrder() {
    String body =
        Alertmanager.payload(
            "{}:{probe=\"p\"}",
            "firing",
            map("probe", "p"),
            map("probe", "p"),
            List.of(
                Alertmanager.alert(
                    "firing",
                    map("probe", "p"),
                    map("summary", "s"),
                    "2026-03-12T10:00:00Z",
                    Alertmanager.STILL_FIRING,
                    "http://prometheus:9090/graph",
                    "f1")));

    assertThat(body)
        .isEqualTo(
            "{\"version\":\"4\",\"groupKey\":\"{}:{probe=\\\"p\\\"}\",\"truncatedAlerts\":0,"
                + "\"status\":\"firing\",\"receiver\":\"firebell\",\"groupLabels\":{\"probe\":\"p\"},"
                + "\"commonLabels\":{\"probe\":\"p\"},\"commonAnnotations\":{},"
                + "\"externalURL\":\"http://alertmanager:9093\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"probe\":\"p\"},\"annotations\":{\"summary\":\"s\"},"
                + "\"startsAt\":\"2026-03-12T10:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"f1\"}]}");
  }
}
