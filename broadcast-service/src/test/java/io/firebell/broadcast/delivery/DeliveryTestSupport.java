package io.firebell.broadcast.delivery;

import static io.restassured.RestAssured.given;

import io.firebell.platform.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;

/** Endpoints through the API, deliveries through {@link DeliveryQueue#enqueue}. */
final class DeliveryTestSupport {

  static final String ADMIN = TestTokens.bearer("ada", "admin");
  static final String COMMUNICATOR = TestTokens.bearer("cory", "communicator");
  static final String VIEWER = TestTokens.bearer("vic", "viewer");
  static final String RESPONDER = TestTokens.bearer("rhea", "responder");

  private DeliveryTestSupport() {}

  record Registered(UUID id, String secret) {}

  static Registered endpoint(String kind, String url) {
    JsonPath json =
        given()
            .header("Authorization", ADMIN)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\"test "
                    + kind
                    + " "
                    + UUID.randomUUID()
                    + "\",\"kind\":\""
                    + kind
                    + "\",\"url\":\""
                    + url
                    + "\"}")
            .post("/v1/endpoints")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Registered(UUID.fromString(json.getString("id")), json.getString("secret"));
  }

  /** Enqueues one message to the endpoints, in a transaction of its own; returns its id. */
  static UUID enqueue(DeliveryQueue queue, UUID incidentId, String body, UUID... endpoints)
      throws Throwable {
    UUID messageId = UUID.randomUUID();
    List<OutgoingMessage.Recipient> recipients =
        java.util.Arrays.stream(endpoints)
            .map(e -> new OutgoingMessage.Recipient(e, "store_owners", "application/json", body))
            .toList();
    OutgoingMessage message = new OutgoingMessage("update", messageId, incidentId, recipients);
    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> queue.enqueue(message)));
    return messageId;
  }

  /** The delivery of a message to an endpoint, through GET /v1/deliveries. */
  static JsonPath delivery(UUID messageId, UUID endpointId) {
    JsonPath list =
        given()
            .header("Authorization", COMMUNICATOR)
            .queryParam("messageId", messageId)
            .queryParam("endpointId", endpointId)
            .get("/v1/deliveries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String id = list.getString("items[0].id");
    if (id == null) {
      return null;
    }
    return given()
        .header("Authorization", COMMUNICATOR)
        .get("/v1/deliveries/{id}", id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static String status(UUID messageId, UUID endpointId) {
    JsonPath d = delivery(messageId, endpointId);
    return d == null ? null : d.getString("status");
  }
}
