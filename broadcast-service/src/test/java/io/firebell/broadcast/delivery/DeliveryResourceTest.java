package io.firebell.broadcast.delivery;

import static io.firebell.broadcast.delivery.DeliveryTestSupport.ADMIN;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.COMMUNICATOR;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.RESPONDER;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.VIEWER;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.endpoint;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.enqueue;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.firebell.client.Receiver;
import io.firebell.client.Receiver.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryResourceTest {

  private static final String MISSING = "6b1f5c1e-0000-4000-8000-000000000000";

  @Inject DeliveryQueue queue;

  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = new Receiver();
    receiver.script("/no", n -> Answer.of(404));
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static JsonPath list(String query) {
    return given()
        .header("Authorization", COMMUNICATOR)
        .get("/v1/deliveries?" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void filtersPagesAndShowsEveryAttempt() throws Throwable {
    UUID incident = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    var ok = endpoint("webhook", receiver.url("/ok"));
    var no = endpoint("slack", receiver.url("/no"));
    UUID first = enqueue(queue, incident, "{\"a\":1}", ok.id(), no.id());
    UUID second = enqueue(queue, incident, "{\"a\":2}", ok.id());
    UUID elsewhere = enqueue(queue, other, "{\"b\":1}", ok.id());
    await().atMost(Duration.ofSeconds(20)).until(() -> "dead".equals(status(first, no.id())));
    await().atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(status(second, ok.id())));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "succeeded".equals(status(elsewhere, ok.id())));

    assertThat(list("incidentId=" + incident).getList("items.messageId", String.class))
        .containsExactlyInAnyOrder(first.toString(), first.toString(), second.toString());
    assertThat(list("messageId=" + first).getList("items")).hasSize(2);
    assertThat(list("incidentId=" + incident + "&status=dead").getList("items.endpointId"))
        .containsExactly(no.id().toString());
    assertThat(list("endpointId=" + ok.id()).getList("items.messageId", String.class))
        .containsExactly(elsewhere.toString(), second.toString(), first.toString());
    JsonPath dead = list("messageId=" + first + "&status=dead");
    assertThat(dead.getInt("items[0].attempts")).isEqualTo(1);
    assertThat(dead.getInt("items[0].lastHttpStatus")).isEqualTo(404);
    assertThat(dead.getString("items[0].channel")).isEqualTo("slack");
    assertThat(dead.getString("items[0].webhookId")).isNull();

    // Cursor pagination, newest first, no duplicates.
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page =
          list("endpointId=" + ok.id() + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.getList("items")).hasSize(1);
      seen.add(page.getString("items[0].messageId"));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsExactly(elsewhere.toString(), second.toString(), first.toString());

    String id = dead.getString("items[0].id");
    given()
        .header("Authorization", COMMUNICATOR)
        .get("/v1/deliveries/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("dead"))
        .body("attemptLog.size()", equalTo(1))
        .body("attemptLog[0].attempt", equalTo(1))
        .body("attemptLog[0].httpStatus", equalTo(404))
        .body("attemptLog[0].error", equalTo("HTTP 404"));
  }

  @Test
  void replayOnlyOfDeadOrFailed() throws Throwable {
    var ok = endpoint("webhook", receiver.url("/ok"));
    UUID message = enqueue(queue, UUID.randomUUID(), "{}", ok.id());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "succeeded".equals(status(message, ok.id())));
    String id = list("messageId=" + message).getString("items[0].id");
    given()
        .header("Authorization", COMMUNICATOR)
        .post("/v1/deliveries/{id}/replay", id)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("succeeded"));
    given()
        .header("Authorization", COMMUNICATOR)
        .post("/v1/deliveries/{id}/replay", MISSING)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .header("Authorization", COMMUNICATOR)
        .get("/v1/deliveries/{id}", MISSING)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertThat(receiver.received("/ok")).hasSize(1);
  }

  @Test
  void badFiltersAreRefused() {
    for (String query :
        List.of(
            "status=lost",
            "endpointId=nope",
            "incidentId=1234",
            "messageId=x",
            "limit=0",
            "limit=201",
            "cursor=%25%25%25",
            "cursor=bm90LWEtbnVtYmVy")) {
      given()
          .header("Authorization", COMMUNICATOR)
          .get("/v1/deliveries?" + query)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    given()
        .header("Authorization", COMMUNICATOR)
        .get("/v1/deliveries/not-a-uuid")
        .then()
        .statusCode(404);
  }

  @Test
  void communicatorsAndAdminsOnly() {
    given().get("/v1/deliveries").then().statusCode(401);
    given().get("/v1/deliveries/{id}", MISSING).then().statusCode(401);
    given().post("/v1/deliveries/{id}/replay", MISSING).then().statusCode(401);
    String integration = "Bearer " + EndpointResourceTest.integrationToken();
    for (String token : List.of(VIEWER, RESPONDER, integration)) {
      given().header("Authorization", token).get("/v1/deliveries").then().statusCode(403);
      given()
          .header("Authorization", token)
          .get("/v1/deliveries/{id}", MISSING)
          .then()
          .statusCode(403);
      given()
          .header("Authorization", token)
          .post("/v1/deliveries/{id}/replay", MISSING)
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    given().header("Authorization", ADMIN).get("/v1/deliveries").then().statusCode(200);
  }
}
