package io.firebell.incident;

import static io.firebell.incident.Api.RESPONDER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentChangesTest {

  /**
   * Writers racing on one incident without If-Match: each either wins (200) or is told that it lost
   * (412), never a 500, and the version counts exactly the winners.
   */
  @Test
  void racingWritersGet200Or412() throws Exception {
    String id = Api.declare("Race", "race-api");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int n = i;
        results.add(
            pool.submit(
                () ->
                    given()
                        .header("Authorization", RESPONDER)
                        .contentType(ContentType.JSON)
                        .body("{\"summary\":\"writer " + n + "\"}")
                        .patch("/v1/incidents/{id}", id)
                        .then()
                        .extract()
                        .statusCode()));
      }
      int ok = 0;
      for (Future<Integer> f : results) {
        int status = f.get();
        assertThat(status).isIn(200, 412);
        if (status == 200) {
          ok++;
        }
      }
      System.out.printf("race on one incident: %d writers won, %d got 412%n", ok, 24 - ok);
      assertThat(ok).isPositive();
      int version =
          given()
              .header("Authorization", Api.VIEWER)
              .get("/v1/incidents/{id}", id)
              .then()
              .extract()
              .path("version");
      assertThat(version).isEqualTo(ok);
    } finally {
      pool.shutdownNow();
    }
  }
}
