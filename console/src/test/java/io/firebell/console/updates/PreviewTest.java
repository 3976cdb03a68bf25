package io.firebell.console.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewTest {

  /** An answer of broadcast-service's preview, as UpdatesTest's preview request gets it. */
  private static final String ANSWER =
      """
      {"incidentId": "5f2c7a4e-0000-4000-8000-000000000001",
       "texts": [
         {"audience": "dev_org", "scope": "internal", "register": "engineering",
          "text": "INC-7 (SEV2): Identified\\nImpact: pods restart\\nServices: pay"},
         {"audience": "customers", "scope": "external", "register": "service",
          "text": "We have found what is wrong and are fixing it.\\nPayments fail: high latency.\\nLive status: http://s/status"},
         {"audience": "store_owners", "scope": "external", "register": "service",
          "text": "We have found what is wrong and are fixing it.\\nPayments fail: high latency.\\nLive status: http://s/status"}],
       "findings": [
         {"term": "latency", "found": "latency", "suggestion": "slow responses", "audience": "customers", "position": 67},
         {"term": "latency", "found": "latency", "suggestion": "slow responses", "audience": "store_owners", "position": 67}],
       "missing": ["expectedRecovery", "followUpActions"],
       "recipients": 4}
      """;

  @Test
  void showsOneTextPerRegisterWithItsAudiencesMarksAndChannels() throws Exception {
    JsonNode answer = Http.JSON.readTree(ANSWER);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "identified");
    body.put("impact", "Payments fail: high latency.");
    body.put("followUpActions", List.of());
    Preview p =
        Preview.of(
            answer,
            Map.of(
                "dev_org",
                "Development organisation",
                "customers",
                "Customers",
                "store_owners",
                "Store owners"),
            Map.of(
                "dev_org",
                Map.of("slack", 2),
                "customers",
                Map.of("webhook", 1),
                "store_owners",
                Map.of("webhook", 2, "teams", 1)),
            "INC-7",
            "5f2c7a4e-0000-4000-8000-000000000001",
            body,
            "http://s/status");

    assertThat(p.recipients()).isEqualTo(4);
    assertThat(p.missing()).containsExactly("expected recovery", "follow-up actions");
    assertThat(p.registers())
        .extracting(Preview.Register::register)
        .containsExactly("engineering", "service");

    Preview.Register engineering = p.registers().get(0);
    assertThat(engineering.audiences()).isEqualTo("Development organisation");
    assertThat(engineering.findings()).isEmpty();
    assertThat(engineering.headline().plain()).isEqualTo("INC-7 (SEV2): Identified");
    assertThat(engineering.channels())
        .extracting(Preview.Channel::kind, Preview.Channel::endpoints)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("slack", 2),
            org.assertj.core.groups.Tuple.tuple("teams", 0),
            org.assertj.core.groups.Tuple.tuple("webhook", 0));

    Preview.Register service = p.registers().get(1);
    assertThat(service.audiences()).isEqualTo("Customers, Store owners");
    assertThat(service.text().pieces())
        .filteredOn(Marked.Piece::jargon)
        .extracting(Marked.Piece::text)
        .containsExactly("latency");
    assertThat(service.findings())
        .extracting(Preview.Finding::found, Preview.Finding::suggestion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("latency", "slow responses"));
    assertThat(service.channels()).extracting(Preview.Channel::endpoints).containsExactly(0, 1, 3);
    assertThat(service.body().plain()).startsWith("Payments fail").endsWith("http://s/status");

    JsonNode webhook = Http.JSON.readTree(service.webhookJson());
    assertThat(webhook.path("type").asText()).isEqualTo("update");
    assertThat(webhook.path("audience").asText()).isEqualTo("customers");
    assertThat(webhook.path("reference").asText()).isEqualTo("INC-7");
    assertThat(webhook.path("text").asText()).startsWith("We have found what is wrong");
    assertThat(webhook.path("link").asText()).isEqualTo("http://s/status");
  }
}
