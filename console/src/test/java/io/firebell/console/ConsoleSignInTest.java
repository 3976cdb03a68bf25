package io.firebell.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.console.People.Person;
import io.firebell.console.auth.Accounts;
import io.firebell.console.auth.ConsoleTokens;
import io.firebell.console.auth.Role;
import io.firebell.console.auth.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signing in and out of the console with a local account, over HTTP against the real console and
 * its PostgreSQL: who is sent to the sign-in page, what the cookie is, what wrong passwords lead
 * to, and when a session ends. Time moves by the test clock.
 */
@QuarkusTest
class ConsoleSignInTest {

  @Inject People people;
  @Inject MutableClock clock;
  @Inject ConsoleTokens tokens;
  @Inject Accounts accounts;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void withoutASessionAPageSendsToTheSignInPageAndComesBackAfterwards() {
    Response r = given().redirects().follow(false).get("/incidents?status=open");

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.header("Location")).endsWith("/sign-in?next=%2Fincidents%3Fstatus%3Dopen");
    Response page = given().urlEncodingEnabled(false).get(r.header("Location"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body().asString())
        .contains("<h1>Sign in to Firebell</h1>")
        .contains("name=\"next\" value=\"/incidents?status=open\"");
  }

  /** Issue 19, item 12: a NUL in a form field must not reach the accounts table. */
  @Test
  void textThatCannotBeStoredIsA400PageNotAServerError() {
    for (String body : List.of("username=ada%00&password=x", "username=ada&password=x%00y")) {
      Response r =
          given()
              .redirects()
              .follow(false)
              .contentType("application/x-www-form-urlencoded")
              .body(body)
              .post("/sign-in");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("text/html");
      assertThat(r.body().asString()).contains("NUL");
    }
    for (String path : List.of("/sign-in?next=%00", "/sign-in?next=%ff")) {
      assertThat(given().urlEncodingEnabled(false).redirects().follow(false).get(path).statusCode())
          .as(path)
          .isEqualTo(400);
    }
  }

  @Test
  void withoutASessionTheLiveStreamAndFormsAre401NotARedirect() {
    assertThat(given().redirects().follow(false).get("/live?topics=incidents").statusCode())
        .isEqualTo(401);
    assertThat(
            given()
                .redirects()
                .follow(false)
                .formParam("title", "Checkout down")
                .post("/incidents")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void signingInSetsAnHttpOnlySameSiteCookieAndNoPageCarriesAToken() {
    String username = people.create("responder", Role.RESPONDER);

    Response r = People.signIn(username, People.PASSWORD);

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.header("Location")).endsWith("/incidents");
    String setCookie = r.header("Set-Cookie");
    assertThat(setCookie)
        .startsWith(Sessions.COOKIE + "=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .contains("Path=/");
    Person person = new Person(username, r.cookie(Sessions.COOKIE));
    // The person's calls to the services carry this token; the browser never sees it.
    String token = tokens.tokenFor(username, List.of("responder"));
    for (String path : List.of("/incidents", "/sign-in", "/static/console.js")) {
      String body = given().cookie(Sessions.COOKIE, person.cookie()).get(path).body().asString();
      assertThat(body).as(path).doesNotContain(token).doesNotContain("eyJ");
      assertThat(body).as(path).doesNotContain(person.cookie());
    }
  }

  @Test
  void aWrongPasswordIs401InWords() {
    String username = people.create("viewer", Role.VIEWER);

    Response r = People.signIn(username, "not the password at all");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.header("Set-Cookie")).isNull();
    assertThat(r.body().asString())
        .contains("Wrong username or password.")
        .contains("value=\"" + username + "\"");
    assertThat(People.signIn("nobody-at-all", People.PASSWORD).statusCode()).isEqualTo(401);
  }

  @Test
  void fiveWrongPasswordsLockTheAccountUntilTheLockoutIsOver() {
    String username = people.create("viewer", Role.VIEWER);

    for (int i = 1; i <= 4; i++) {
      assertThat(People.signIn(username, "wrong password " + i).statusCode())
          .as("try %d", i)
          .isEqualTo(401);
    }
    Response fifth = People.signIn(username, "wrong password 5");
    assertThat(fifth.statusCode()).isEqualTo(429);
    assertThat(fifth.body().asString()).contains("Too many wrong passwords");
    assertThat(Integer.parseInt(fifth.header("Retry-After"))).isBetween(1, 900);

    // Locked: even the right password does not open it, and no session is made.
    Response right = People.signIn(username, People.PASSWORD);
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.header("Set-Cookie")).isNull();
    assertThat(right.body().asString()).contains("this account is locked until");

    clock.advance(Duration.ofMinutes(14));
    assertThat(People.signIn(username, People.PASSWORD).statusCode()).isEqualTo(429);
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    Response open = People.signIn(username, People.PASSWORD);
    assertThat(open.statusCode()).isEqualTo(303);
    assertThat(open.cookie(Sessions.COOKIE)).isNotBlank();
  }

  @Test
  void aDisabledAccountSaysSoOnlyToItsRightPasswordAndLosesItsSessions() {
    Person p = people.signedIn("responder", Role.RESPONDER);
    accounts.setDisabled("test", accounts.byUsername(p.username()).orElseThrow().id(), true);

    assertThat(People.get(p, "/incidents").statusCode()).isEqualTo(302);
    Response wrong = People.signIn(p.username(), "not the password at all");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body().asString()).contains("Wrong username or password.");
    Response right = People.signIn(p.username(), People.PASSWORD);
    assertThat(right.statusCode()).isEqualTo(403);
    assertThat(right.header("Set-Cookie")).isNull();
    assertThat(right.body().asString()).contains("This account is disabled.");
  }

  @Test
  void aRightPasswordResetsTheCountOfWrongOnes() {
    String username = people.create("viewer", Role.VIEWER);
    for (int i = 0; i < 4; i++) {
      People.signIn(username, "wrong password");
    }
    assertThat(People.signIn(username, People.PASSWORD).statusCode()).isEqualTo(303);

    for (int i = 0; i < 4; i++) {
      assertThat(People.signIn(username, "wrong password").statusCode()).isEqualTo(401);
    }
    assertThat(People.signIn(username, People.PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void signingOutEndsTheSessionSoTheOldCookieNoLongerWorks() {
    Person p = people.signedIn("responder", Role.RESPONDER);
    String csrf = People.csrf(p);

    Response out =
        given()
            .redirects()
            .follow(false)
            .cookie(Sessions.COOKIE, p.cookie())
            .formParam("_csrf", csrf)
            .post("/sign-out");

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.header("Location")).endsWith("/sign-in?done=signed-out");
    assertThat(out.header("Set-Cookie")).startsWith(Sessions.COOKIE + "=;").contains("Max-Age=0");
    // A browser that kept the cookie (or someone who copied it) is signed out all the same.
    Response after = People.get(p, "/incidents");
    assertThat(after.statusCode()).isEqualTo(302);
    assertThat(after.header("Location")).contains("/sign-in?next=");
    assertThat(
            given()
                .redirects()
                .follow(false)
                .cookie(Sessions.COOKIE, p.cookie())
                .formParam("_csrf", csrf)
                .post("/sign-out")
                .statusCode())
        .isEqualTo(401);
    assertThat(given().urlEncodingEnabled(false).get(out.header("Location")).body().asString())
        .contains("You have signed out.");
  }

  @Test
  void aSessionEndsAfterThirtyMinutesWithoutARequest() {
    Person p = people.signedIn("viewer", Role.VIEWER);

    // Each request moves the idle expiry on.
    clock.advance(Duration.ofMinutes(29));
    assertThat(People.get(p, "/incidents").statusCode()).isEqualTo(503);
    clock.advance(Duration.ofMinutes(29));
    assertThat(People.get(p, "/incidents").statusCode()).isEqualTo(503);

    clock.advance(Duration.ofMinutes(30).plusSeconds(1));
    Response idle = People.get(p, "/incidents");
    assertThat(idle.statusCode()).isEqualTo(302);
    assertThat(idle.header("Location")).contains("/sign-in?next=");
  }

  @Test
  void aSessionEndsAfterTwelveHoursHoweverBusy() {
    Person p = people.signedIn("viewer", Role.VIEWER);

    for (int step = 1; step * 25 < 12 * 60; step++) {
      clock.advance(Duration.ofMinutes(25));
      assertThat(People.get(p, "/incidents").statusCode())
          .as("after %d min", step * 25)
          .isEqualTo(503);
    }
    clock.advance(Duration.ofMinutes(25));
    assertThat(People.get(p, "/incidents").statusCode()).isEqualTo(302);
  }
}
