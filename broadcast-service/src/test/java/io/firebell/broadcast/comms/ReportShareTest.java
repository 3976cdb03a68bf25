package io.firebell.broadcast.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.contracts.review.ReportPublished;
import io.firebell.platform.testing.TestEventProducer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A published review report is shared with the development organisation, once per version. */
@QuarkusTest
class ReportShareTest {

  @Inject AgroalDataSource db;

  @Test
  void aPublishedReportIsSharedWithTheDevOrgOnce() throws Exception {
    String service = Comms.uniqueService();
    try (Receiver devOrg = new Receiver();
        Receiver customers = new Receiver();
        TestEventProducer producer = new TestEventProducer()) {
      Comms.subscribe("dev_org", Comms.endpoint("webhook", devOrg.url("/hook")), service);
      Comms.subscribe("customers", Comms.endpoint("webhook", customers.url("/hook")), service);
      UUID incidentId = UUID.randomUUID();
      ReportPublished published =
          new ReportPublished(
              incidentId,
              1,
              "Card payments failed for 40 minutes",
              "SEV2",
              List.of(service),
              "A configuration change exhausted the connection pool.",
              "config",
              "http://127.0.0.1:8084/reports/" + incidentId,
              "rita",
              Instant.now());
      UUID eventId = UUID.randomUUID();
      String json = Comms.JSON.writeValueAsString(published);
      producer.send(
          io.firebell.contracts.EventTypes.REPORT_PUBLISHED, eventId, incidentId.toString(), json);
      // The same version again under another event id is not shared twice.
      producer.send(
          io.firebell.contracts.EventTypes.REPORT_PUBLISHED,
          UUID.randomUUID(),
          incidentId.toString(),
          json);

      await().atMost(Duration.ofSeconds(60)).until(() -> !devOrg.received().isEmpty());
      Thread.sleep(1500);
      assertThat(devOrg.received()).hasSize(1);
      assertThat(customers.received()).isEmpty();
      JsonNode body = Comms.json(devOrg.received().get(0).body());
      assertThat(body.path("type").asText()).isEqualTo("report_share");
      assertThat(body.path("url").asText()).isEqualTo(published.url());
      assertThat(body.path("title").asText()).isEqualTo(published.title());
      assertThat(body.path("text").asText())
          .startsWith("Incident report published: Card payments failed for 40 minutes")
          .contains(published.url())
          .doesNotContain("rita");
      assertThat(
              Comms.count(
                  db,
                  "select count(*) from delivery where message_kind = 'report_share' and"
                      + " incident_id = '"
                      + incidentId
                      + "'"))
          .isEqualTo(1);
    }
  }
}
