package io.firebell.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.console.People.Person;
import io.firebell.console.auth.Role;
import io.firebell.console.auth.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Forged and foreign form posts are refused before they reach a service: without the session's CSRF
 * token, with another session's, from another site, or from a person whose role may not. (No
 * service runs in these tests: a post that got through would be refused by the unreachable
 * incident-service with 422/503 instead of the console's 403.)
 */
@QuarkusTest
class ConsoleFormsTest {

  @Inject People people;

  private static RequestSpecification declareAs(Person p) {
    return given()
        .redirects()
        .follow(false)
        .cookie(Sessions.COOKIE, p.cookie())
        .formParam("title", "Checkout fails for card payments")
        .formParam("service", "checkout");
  }

  @Test
  void aPostWithoutTheCsrfTokenIs403InWords() {
    Person responder = people.signedIn("responder", Role.RESPONDER);

    Response r = declareAs(responder).post("/incidents");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.contentType()).startsWith("text/html");
    assertThat(r.body().asString()).contains("did not come from the console");
    // Signing out is a form too.
    assertThat(
            given()
                .redirects()
                .follow(false)
                .cookie(Sessions.COOKIE, responder.cookie())
                .post("/sign-out")
                .statusCode())
        .isEqualTo(403);
    assertThat(People.get(responder, "/incidents").statusCode()).isEqualTo(503);
  }

  @Test
  void aPostWithAnotherSessionsCsrfTokenIs403() {
    Person responder = people.signedIn("responder", Role.RESPONDER);
    Person other = people.signedIn("responder", Role.RESPONDER);
    Person sameAccountElsewhere =
        new Person(
            responder.username(),
            People.signIn(responder.username(), People.PASSWORD).cookie(Sessions.COOKIE));

    assertThat(declareAs(responder).formParam("_csrf", People.csrf(other)).post("/incidents"))
        .extracting(Response::statusCode)
        .isEqualTo(403);
    assertThat(
            declareAs(responder)
                .formParam("_csrf", People.csrf(sameAccountElsewhere))
                .post("/incidents")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            declareAs(responder).header("X-CSRF-Token", "forged").post("/incidents").statusCode())
        .isEqualTo(403);
  }

  @Test
  void aPostFromAnotherSiteIs403EvenWithTheRightToken() {
    Person responder = people.signedIn("responder", Role.RESPONDER);
    String csrf = People.csrf(responder);

    for (String origin : new String[] {"https://evil.example", "null", "http://localhost:1"}) {
      Response r =
          declareAs(responder).formParam("_csrf", csrf).header("Origin", origin).post("/incidents");
      assertThat(r.statusCode()).as(origin).isEqualTo(403);
      assertThat(r.body().asString()).as(origin).contains("came from another site");
    }
    // Signing in from another site is refused too (login CSRF).
    assertThat(
            given()
                .redirects()
                .follow(false)
                .header("Origin", "https://evil.example")
                .formParam("username", responder.username())
                .formParam("password", People.PASSWORD)
                .post("/sign-in")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void theRightTokenFromTheConsolesOwnOriginGetsThrough() {
    Person responder = people.signedIn("responder", Role.RESPONDER);
    String csrf = People.csrf(responder);
    String origin = "http://localhost:" + io.restassured.RestAssured.port;

    // Past the CSRF check and the role check, the declaration reaches incident-service, which does
    // not run here: the console answers in words that it is not answering.
    Response r =
        declareAs(responder).formParam("_csrf", csrf).header("Origin", origin).post("/incidents");

    assertThat(r.statusCode()).isIn(422, 503);
    assertThat(r.body().asString()).contains("not answering");
  }

  @Test
  void aViewersForgedDeclarationWithAValidTokenIs403ForTheMissingRole() {
    Person viewer = people.signedIn("viewer", Role.VIEWER);
    String csrf = People.csrf(viewer);

    Response r = declareAs(viewer).formParam("_csrf", csrf).post("/incidents");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body().asString()).contains("Your role may not do this");
  }

  @Test
  void theIncidentsPageShowsAViewerNoDeclareFormAndAResponderOne() {
    Person viewer = people.signedIn("viewer", Role.VIEWER);
    Person responder = people.signedIn("responder", Role.RESPONDER);

    String viewersPage = People.get(viewer, IncidentsPageWithoutService.PATH).body().asString();
    String respondersPage =
        People.get(responder, IncidentsPageWithoutService.PATH).body().asString();

    assertThat(viewersPage)
        .contains("<h1>Incidents</h1>")
        .contains("Open and recent")
        .doesNotContain("Declare an incident")
        .doesNotContain("action=\"/incidents\" class=\"row\" novalidate");
    assertThat(respondersPage)
        .contains("Declare an incident")
        .contains("<form method=\"post\" action=\"/incidents\"")
        .contains("name=\"_csrf\" value=\"" + People.csrf(responder) + "\"");
  }

  @Test
  void theDeclareFormAsksHowTheIncidentCameToLightAndWhichPartnerReportedIt() {
    Person responder = people.signedIn("responder", Role.RESPONDER);

    String page = People.get(responder, IncidentsPageWithoutService.PATH).body().asString();

    assertThat(page)
        .contains("<label for=\"declare-kind\">How it came to light</label>")
        .contains("<select id=\"declare-kind\" name=\"kind\">")
        .contains("<option value=\"manual\" selected>Noticed by the on-call engineer</option>")
        .contains("<option value=\"cs_inquiry\">Customer inquiries (CS desk)</option>")
        .contains("<option value=\"partner_report\">A partner reported it</option>")
        .contains(
            "<option value=\"business_metric\">A business metric (orders, payments…)</option>")
        .contains(
            "<option value=\"external_integration\">An external integration&#39;s alert</option>")
        .contains("<label for=\"declare-partner\">Partner (for a partner report)</label>")
        .contains("<input id=\"declare-partner\" name=\"partner\"");
  }
}
