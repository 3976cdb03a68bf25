package io.firebell.console.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.console.People;
import io.firebell.console.People.Person;
import io.firebell.console.auth.Role;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The report page shows review-service's detection gap (detection lagged, or customers found the
 * incident first) at the top of the action items, the prevention measures, with the suggested
 * monitoring action item, which a reviewer adds with one form. (No review-service runs here: the
 * real page is rendered for review-service's answers, see {@link ReportPageWithoutService}.)
 */
@QuarkusTest
class ReportDetectionGapTest {

  @Inject People people;

  @Test
  void aFlaggedIncidentShowsWhyItIsAGapAndTheSuggestedMonitoringItem() {
    Person reviewer = people.signedIn("reviewer", Role.REVIEWER);

    String page =
        People.get(reviewer, ReportPageWithoutService.PATH + "?gap=true").body().asString();

    assertThat(page)
        .contains("<h3 id=\"detection-gap-heading\">Detection gap</h3>")
        .contains(
            "Monitoring did not catch this incident in time: it was detected 25 min after it"
                + " occurred; customers found it first.")
        .contains(
            "Suggested action item: <strong>Add monitoring for order-api: detection lagged"
                + " occurrence by 25 min, customers found it first</strong>")
        .contains("Monitoring action items so far: Alert on pool saturation");
    // The gap sits in the action items section, before the items (the prevention measures).
    assertThat(page.indexOf("id=\"detection-gap\""))
        .isGreaterThan(page.indexOf("<h2 id=\"items-heading\">Action items</h2>"))
        .isLessThan(page.indexOf("Item 1:"));
    String form = page.substring(page.indexOf("id=\"detection-gap\""));
    form = form.substring(0, form.indexOf("</form>"));
    assertThat(form)
        .contains(
            "action=\"/incidents/" + ReportPageWithoutService.INCIDENT + "/report/action-items\"")
        .contains("name=\"kind\" value=\"monitoring_alerting\"")
        .contains("name=\"horizon\" value=\"short\"")
        .contains("<label for=\"gap-owner\">Owner of the monitoring item</label>")
        .contains("Add the suggested action item");
  }

  @Test
  void aViewerSeesTheGapButNoFormAndAnIncidentCaughtInTimeHasNoGap() {
    Person viewer = people.signedIn("viewer", Role.VIEWER);

    String flagged =
        People.get(viewer, ReportPageWithoutService.PATH + "?gap=true").body().asString();
    String caught = People.get(viewer, ReportPageWithoutService.PATH).body().asString();

    assertThat(flagged).contains("Detection gap").doesNotContain("Add the suggested action item");
    assertThat(caught).doesNotContain("Detection gap");
  }
}
