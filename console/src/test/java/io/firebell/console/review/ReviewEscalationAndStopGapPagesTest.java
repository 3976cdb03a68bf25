package io.firebell.console.review;

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
 * The report page's escalation to an organisation-wide review and its stop-gap control, over HTTP
 * with real sessions: who may post them, and what the real template shows a reviewer and a viewer
 * for review-service's answers. (No review-service runs here: a post that gets past the console's
 * checks is answered with the console's "not answering" page.)
 */
@QuarkusTest
class ReviewEscalationAndStopGapPagesTest {

  private static final String REPORT =
      "/incidents/" + ReportPageWithoutService.INCIDENT + "/report";
  private static final String ESCALATE =
      REPORT + "/review/" + ReportPageWithoutService.TEAM_REVIEW + "/escalate";

  @Inject People people;

  private static Response post(Person p, String path, String csrf, String... fields) {
    var request =
        given()
            .redirects()
            .follow(false)
            .cookie(Sessions.COOKIE, p.cookie())
            .formParam("_csrf", csrf);
    for (int i = 0; i < fields.length; i += 2) {
      request = request.formParam(fields[i], fields[i + 1]);
    }
    return request.post(path);
  }

  @Test
  void onlyAReviewerEscalatesOrMarksAStopGap() {
    Person responder = people.signedIn("responder", Role.RESPONDER);
    Person viewer = people.signedIn("viewer", Role.VIEWER);
    Person reviewer = people.signedIn("reviewer", Role.REVIEWER);

    assertThat(post(responder, ESCALATE, People.csrf(responder), "reason", "x").statusCode())
        .isEqualTo(403);
    assertThat(
            post(
                    viewer,
                    REPORT + "/action-items/" + ReportPageWithoutService.GAP,
                    People.csrf(viewer),
                    "stopGap",
                    ReportPageWithoutService.FIX)
                .statusCode())
        .isEqualTo(403);
    assertThat(post(reviewer, ESCALATE, "forged", "reason", "x").statusCode()).isEqualTo(403);

    // Past the CSRF and role checks, the escalation reaches review-service (not running here).
    Response through =
        post(reviewer, ESCALATE, People.csrf(reviewer), "reason", "three domains were hit");
    assertThat(through.statusCode()).isIn(422, 503);
    assertThat(through.body().asString()).contains("not answering");
  }

  @Test
  void aReviewerSeesTheEscalationFormOnTheTeamReviewUntilItIsEscalated() {
    Person reviewer = people.signedIn("reviewer", Role.REVIEWER);

    String page = People.get(reviewer, ReportPageWithoutService.PATH).body().asString();
    assertThat(page)
        .contains("Escalate to an organisation-wide review")
        .contains("<form method=\"post\" action=\"" + ESCALATE + "\"")
        .contains("name=\"reason\" required");

    String escalated =
        People.get(reviewer, ReportPageWithoutService.PATH + "?escalated=true").body().asString();
    assertThat(escalated)
        .as("the incident has its org-wide review: no second escalation is offered")
        .doesNotContain("Escalate to an organisation-wide review")
        .contains("Org-wide review")
        .contains("Escalated from the team review because")
        .contains("three domains were hit");

    Person viewer = people.signedIn("viewer", Role.VIEWER);
    assertThat(People.get(viewer, ReportPageWithoutService.PATH).body().asString())
        .doesNotContain("Escalate to an organisation-wide review")
        .doesNotContain("name=\"stopGap\"");
  }

  @Test
  void anEscalationWithoutAReasonIsShownAgainWithWhatWasTypedAndTheReasonMarked() {
    Person reviewer = people.signedIn("reviewer", Role.REVIEWER);

    String page =
        People.get(reviewer, ReportPageWithoutService.PATH + "?refused=true").body().asString();

    assertThat(page)
        .contains("The review was not escalated. Fix what is marked below.")
        .contains("Say why this incident needs an organisation-wide review")
        .contains("aria-invalid=\"true\" aria-describedby=\"escalate-")
        .contains("value=\"2026-12-09T10:00\"")
        .contains("value=\"Asia/Seoul\"");
  }

  @Test
  void eachActionItemOffersTheReportsOtherRootFixesAndAStopGapSaysWhatItWaitsFor() {
    Person reviewer = people.signedIn("reviewer", Role.REVIEWER);

    String page = People.get(reviewer, ReportPageWithoutService.PATH).body().asString();

    assertThat(page)
        .contains("until its root fix, item 1: Bound the index rebuild, is done (not done yet)")
        .contains("name=\"stopGapShown\" value=\"" + ReportPageWithoutService.FIX + "\"")
        .contains(
            "<option value=\""
                + ReportPageWithoutService.FIX
                + "\" selected>A stop-gap until item 1 is done: Bound the index rebuild</option>")
        .contains("A stop-gap until item 3 is done: Alert on pool saturation")
        .contains("<option value=\"none\" selected>Not a stop-gap</option>");
    // Item 1's choices name neither itself nor item 2, which is a stop-gap (not a root fix).
    String item1 = page.substring(page.indexOf("id=\"item-1-stop-gap\""));
    item1 = item1.substring(0, item1.indexOf("</select>"));
    assertThat(item1)
        .doesNotContain("until item 1 is done")
        .doesNotContain("until item 2 is done")
        .contains("until item 3 is done")
        .contains("its root fix is not an item yet");
    // A new item can be a stop-gap from the start, of any item that is not a stop-gap itself.
    String newItem = page.substring(page.indexOf("id=\"item-stop-gap\""));
    newItem = newItem.substring(0, newItem.indexOf("</select>"));
    assertThat(newItem)
        .contains("name=\"stopGap\"")
        .contains("until item 1 is done")
        .contains("until item 3 is done")
        .doesNotContain("until item 2 is done");
  }
}
