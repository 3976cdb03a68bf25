package io.firebell.broadcast.delivery;

import static io.firebell.broadcast.delivery.DeliveryTestSupport.ADMIN;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.VIEWER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.firebell.platform.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The previous secret's grace period ends by the clock: the test moves it past the 24 h. */
@QuarkusTest
class SecretRotationGraceTest {

  @Inject MutableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void thePreviousSecretIsShownValidOnlyDuringTheGracePeriod() {
    DeliveryTestSupport.Registered endpoint =
        DeliveryTestSupport.endpoint("webhook", "http://127.0.0.1:9/grace");
    given()
        .header("Authorization", ADMIN)
        .post("/v1/endpoints/{id}/secret/rotate", endpoint.id())
        .then()
        .statusCode(200)
        .body("previousSecretValidUntil", not(nullValue()));

    clock.advance(Duration.ofHours(23));
    assertThat(previousSecretValidUntil(endpoint.id())).isNotNull();

    clock.advance(Duration.ofHours(2));
    assertThat(previousSecretValidUntil(endpoint.id())).isNull();
  }

  private static String previousSecretValidUntil(UUID id) {
    return given()
        .header("Authorization", VIEWER)
        .get("/v1/endpoints/{id}", id)
        .then()
        .statusCode(200)
        .extract()
        .path("previousSecretValidUntil");
  }
}
