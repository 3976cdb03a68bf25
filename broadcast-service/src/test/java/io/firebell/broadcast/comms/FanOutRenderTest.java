package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.platform.secrets.SecretBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Publishing one update to 10,000 endpoints renders a body per (audience, endpoint kind), not per
 * endpoint, and queues every delivery in the request's transaction: it must stay fast. The
 * endpoints are removed right after (their deliveries with them); sending them is the delivery
 * engine's benchmark (benchmarks module). Opt-in ({@code -Dfirebell.fanout-test=true}): the
 * delivery engine keeps working through the deliveries it already claimed, which would slow the
 * tests that run after it in the same JVM.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "firebell.fanout-test", matches = "true")
class FanOutRenderTest {

  private static final int ENDPOINTS = 10_000;

  @Inject AgroalDataSource db;
  @Inject SecretBox secretBox;

  @Test
  void anUpdateToTenThousandEndpointsIsRenderedAndQueuedQuickly() throws Exception {
    String service = Comms.uniqueService();
    String tag = "fanout-" + service;
    try (Receiver receiver = new Receiver()) {
      UUID incident = UUID.randomUUID();
      Comms.send(Comms.declared(incident, "Fan-out", service), incident);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  Comms.count(db, "select count(*) from incident where id = '" + incident + "'")
                      == 1);
      try (Connection c = db.getConnection();
          PreparedStatement endpoints =
              c.prepareStatement(
                  "insert into endpoint (id, name, kind, url, enabled, secret, created_at,"
                      + " updated_at) select gen_random_uuid(), ? || '-' || n, (array['slack',"
                      + " 'teams', 'webhook'])[n % 3 + 1], ?, true, case when n % 3 = 2 then ?"
                      + " end, now(), now() from generate_series(1, ?) n");
          PreparedStatement subscriptions =
              c.prepareStatement(
                  "insert into subscription (id, audience_key, endpoint_id, services, created_at)"
                      + " select gen_random_uuid(), case when random() < 0.5 then 'customers'"
                      + " else 'store_owners' end, id, array[?], now() from endpoint where name"
                      + " like ? || '-%'")) {
        endpoints.setString(1, tag);
        endpoints.setString(2, receiver.url("/fanout"));
        endpoints.setString(3, secretBox.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        endpoints.setInt(4, ENDPOINTS);
        endpoints.executeUpdate();
        subscriptions.setString(1, service);
        subscriptions.setString(2, tag);
        subscriptions.executeUpdate();
      }
      try {
        Map<String, Object> update =
            Map.of(
                "status", "identified",
                "impact", "Some orders cannot be placed.",
                "expectedRecoveryAt", Instant.now().plusSeconds(1800).toString(),
                "followUpActions", List.of("Failed orders are refunded"),
                "audiences", List.of("customers", "store_owners"));
        // The preview reads and filters the same subscriptions and renders, but stores nothing.
        long previewStart = System.nanoTime();
        given()
            .header("Authorization", COMMUNICATOR)
            .contentType(ContentType.JSON)
            .body(update)
            .post("/v1/incidents/{id}/updates/preview", incident)
            .then()
            .statusCode(200);
        long previewMillis = (System.nanoTime() - previewStart) / 1_000_000;
        long start = System.nanoTime();
        int recipients =
            given()
                .header("Authorization", COMMUNICATOR)
                .contentType(ContentType.JSON)
                .body(update)
                .post("/v1/incidents/{id}/updates", incident)
                .then()
                .statusCode(201)
                .extract()
                .path("recipients");
        long millis = (System.nanoTime() - start) / 1_000_000;
        String updateId =
            Comms.string(
                db, "select id from stakeholder_update where incident_id = '" + incident + "'");
        long deliveries =
            Comms.count(db, "select count(*) from delivery where message_id = '" + updateId + "'");
        long bodies =
            Comms.count(
                db,
                "select count(distinct body_id) from delivery where message_id = '"
                    + updateId
                    + "'");
        System.out.printf(
            "fan-out: one update to %d endpoints (2 audiences × 3 kinds) rendered, stored and"
                + " queued in %d ms (its preview: %d ms); %d deliveries, %d distinct bodies%n",
            recipients, millis, previewMillis, deliveries, bodies);
        assertThat(recipients).isEqualTo(ENDPOINTS);
        assertThat(deliveries).isEqualTo(ENDPOINTS);
        // Customers and store owners each have their own words (audience templates), so every
        // (audience, kind) pair has its own body: 2 × 3.
        assertThat(bodies).isEqualTo(6);
        assertThat(millis).isLessThan(15_000);
      } finally {
        try (Connection c = db.getConnection();
            PreparedStatement cleanup =
                c.prepareStatement("delete from endpoint where name like ? || '-%'")) {
          cleanup.setString(1, tag);
          cleanup.executeUpdate();
        }
      }
    }
  }
}
