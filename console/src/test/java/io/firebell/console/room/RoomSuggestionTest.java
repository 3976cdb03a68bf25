package io.firebell.console.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The incident room shows incident-service's recovery suggestion as it answered it: what to do
 * first and why, and the whole playbook with each step's state. (The room's browser tests need the
 * whole suite; this renders the room's suggestion part with the JSON incident-service returns.)
 */
@QuarkusTest
class RoomSuggestionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  @Location("room/suggestion.html")
  Template suggestion;

  @Inject
  @Location("room/facts.html")
  Template facts;

  @Test
  void whatToDoFirstAndThePlaybookInWords() throws Exception {
    String html =
        suggestion
            .data(
                "incident",
                JSON.readTree(
                    """
                    {"id":"i1","recoverySuggestion":{"first":"scale_out",
                      "why":"traffic surged (label firebell_signal=traffic_surge): add capacity first",
                      "changeId":null,"trafficSurge":true,"rollbackCandidates":1,
                      "steps":[
                        {"kind":"scale_out","applies":true,"tried":false,"why":"traffic surged"},
                        {"kind":"rollback","applies":true,"tried":true,"why":"1 change(s)"},
                        {"kind":"hotfix","applies":false,"tried":false,"why":"a rollback is possible"}]}}
                    """))
            .render();
    assertThat(html)
        .contains("<h3 id=\"suggestion-heading\">What to do first</h3>")
        .contains(
            "<strong>scale out</strong>: traffic surged (label firebell_signal=traffic_surge)")
        .contains("<li>scale out: applies — traffic surged</li>")
        .contains("<li>rollback: tried — 1 change(s)</li>")
        .contains("<li>hotfix: does not apply — a rollback is possible</li>");

    String without = suggestion.data("incident", JSON.readTree("{\"id\":\"i1\"}")).render();
    assertThat(without).doesNotContain("What to do first");
  }

  @Test
  void aPartnerReportShowsItsPartnerAmongTheFacts() throws Exception {
    String incident =
        """
        {"id":"i1","status":"investigating","severity":"SEV2","services":["payment-api"],
         "domains":[],"stakeholderGroups":[],"declaredAt":"2026-12-01T10:00:00Z",
         "detectionMethod":"%s"%s}
        """;
    String partnerReport =
        facts
            .data(
                "incident",
                JSON.readTree(incident.formatted("partner_report", ",\"partner\":\"pg-kcp\"")))
            .render();
    assertThat(partnerReport)
        .contains("<dt>Detected by</dt><dd>partner report</dd>")
        .contains("<dt>Partner</dt><dd>pg-kcp</dd>");

    String manual =
        facts.data("incident", JSON.readTree(incident.formatted("manual", ""))).render();
    assertThat(manual).contains("<dd>manual</dd>").doesNotContain("<dt>Partner</dt>");
  }
}
