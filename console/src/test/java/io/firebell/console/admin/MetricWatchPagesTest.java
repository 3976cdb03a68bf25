package io.firebell.console.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.console.People;
import io.firebell.console.People.Person;
import io.firebell.console.auth.Role;
import io.firebell.console.auth.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The admin pages of business-metric watches over HTTP with real sessions: who may open and post
 * them, that the admin index links them, and what the real templates show for detection-service's
 * answers. (No detection-service runs here: a post that gets past the console's checks is answered
 * with the console's "not answering" page.)
 */
@QuarkusTest
class MetricWatchPagesTest {

  @Inject People people;

  private static Response post(Person p, String path, String csrf) {
    return given()
        .redirects()
        .follow(false)
        .cookie(Sessions.COOKIE, p.cookie())
        .formParam("_csrf", csrf)
        .formParam("name", "orders-per-minute")
        .formParam("metric", "orders_per_minute")
        .formParam("domain", "order")
        .formParam("service", "order-api")
        .formParam("source", "pushed")
        .formParam("baselineWeeks", "4")
        .formParam("dropPercent", "70")
        .post(path);
  }

  @Test
  void onlyAnAdminOpensOrChangesWatches() {
    Person viewer = people.signedIn("viewer", Role.VIEWER);
    Person responder = people.signedIn("responder", Role.RESPONDER);
    Person admin = people.signedIn("admin", Role.ADMIN);

    assertThat(People.get(viewer, "/admin/metric-watches").statusCode()).isEqualTo(403);
    assertThat(People.get(responder, "/admin/metric-watches").statusCode()).isEqualTo(403);
    assertThat(post(responder, "/admin/metric-watches", People.csrf(responder)).statusCode())
        .isEqualTo(403);
    assertThat(
            post(viewer, "/admin/metric-watches/" + MetricWatchPagesWithoutService.WATCH_ID, "x")
                .statusCode())
        .isEqualTo(403);
    assertThat(post(admin, "/admin/metric-watches", "forged").statusCode())
        .as("an admin's post without the session's CSRF token")
        .isEqualTo(403);

    // Past the CSRF and role checks, the admin's watch reaches detection-service (not running).
    Response through = post(admin, "/admin/metric-watches", People.csrf(admin));
    assertThat(through.statusCode()).isIn(422, 503);
    assertThat(through.body().asString()).contains("not answering");
    assertThat(People.get(admin, "/admin").body().asString())
        .contains("<a href=\"/admin/metric-watches\">Business-metric watches</a>");
  }

  @Test
  void theListShowsEachWatchsStateAndTheFormToAddOne() {
    Person admin = people.signedIn("admin", Role.ADMIN);

    Response r = People.get(admin, MetricWatchPagesWithoutService.PATH);

    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body().asString();
    assertThat(page)
        .contains(
            "<a href=\"/admin/metric-watches/"
                + MetricWatchPagesWithoutService.WATCH_ID
                + "\">orders-per-minute</a>")
        .contains("breaching: the drop alert fires")
        .contains("blind: connection refused")
        .contains("2026-12-06 09:00:00 UTC")
        .contains("<form method=\"post\" action=\"/admin/metric-watches\"")
        .contains("name=\"_csrf\" value=\"" + People.csrf(admin) + "\"")
        .contains("name=\"baselineWeeks\"")
        .contains("name=\"spikePercent\"")
        .contains("<option value=\"prometheus\"")
        .contains("<option value=\"order\"");
  }

  @Test
  void aWatchsPageShowsItsEvaluationsItsEditFormAndDelete() {
    Person admin = people.signedIn("admin", Role.ADMIN);

    Response r = People.get(admin, MetricWatchPagesWithoutService.PATH + "/one");

    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body().asString();
    String base = "/admin/metric-watches/" + MetricWatchPagesWithoutService.WATCH_ID;
    assertThat(page)
        .contains("<h1>Watch orders-per-minute</h1>")
        .contains("breaching: the drop alert fires")
        .contains("<td>34</td>")
        .contains("<td>120</td>")
        .contains("28.3 %")
        .contains("drop fired")
        .contains("(by hand)")
        .contains("no sample in the last 5 minutes")
        .contains("action=\"" + base + "\"")
        .contains("action=\"" + base + "/evaluate\"")
        .contains("action=\"" + base + "/delete\"")
        .contains("value=\"orders_per_minute\"")
        .contains("id=\"watch-drop-percent\" name=\"dropPercent\" type=\"number\" value=\"70\"");
  }
}
