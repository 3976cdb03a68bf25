package io.firebell.console.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How Triage orders, counts and words what detection-service answered. */
class BoardTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode group(String id, String domain, String kind, String lastAlertAt) {
    return json(
        "{'id':'"
            + id
            + "','domain':'"
            + domain
            + "','kind':'"
            + kind
            + "','status':'open','lastAlertAt':'"
            + lastAlertAt
            + "','declaredAt':null,'resolvedAt':null,'incidentId':null}");
  }

  @Test
  void filterDefaultsToActiveAndListsOpenAndAcknowledged() {
    Board.Filter f = Board.Filter.of(" storefront ", "nonsense");
    assertThat(f.status()).isEqualTo("active");
    assertThat(f.serviceStatuses()).containsExactly("open", "acknowledged");
    assertThat(f.listQuery("open")).isEqualTo("status=open&limit=100&domain=storefront");
    assertThat(f.asQuery()).isEqualTo("domain=storefront");
    assertThat(Board.Filter.of(null, "resolved").asQuery()).isEqualTo("status=resolved");
    assertThat(Board.Filter.of("", null).asQuery()).isEmpty();
  }

  @Test
  void mergeKeepsEachGroupOnceNewestAlertFirst() {
    JsonNode a = group("a", "order", "system", "2026-03-12T10:00:00Z");
    JsonNode b = group("b", "order", "system", "2026-03-12T10:05:00Z");
    List<JsonNode> merged = Board.merge(List.of(List.of(a, b), List.of(a)));
    assertThat(merged).extracting(g -> g.path("id").asText()).containsExactly("b", "a");
  }

  @Test
  void cardCountsResendsAndShowsFiringMostResentFirst() {
    JsonNode g = group("g", "storefront", "system", "2026-03-12T10:00:00Z");
    JsonNode detail =
        json(
            "{'group':"
                + g
                + ",'counts':{'alerts':3,'firing':2,'resolved':1,'flaps':1,'receives':10},"
                + "'alerts':["
                + "{'summary':'resolved one','status':'resolved','receiveCount':7},"
                + "{'summary':'once','status':'firing','receiveCount':1},"
                + "{'summary':'twice','status':'firing','receiveCount':2}]}");
    JsonNode page =
        json(
            "{'alertGroupId':'g','person':'joon.kim','level':1,'status':'sent','domain':'storefront'}");
    JsonNode other = json("{'alertGroupId':'x','person':'mina.park','level':1,'status':'sent'}");

    Board.GroupCard card = Board.card(g, detail, List.of(page, other), 2);

    assertThat(card.resends()).isEqualTo(7);
    assertThat(card.alerts())
        .extracting(a -> a.path("summary").asText())
        .containsExactly("twice", "once");
    assertThat(card.moreAlerts()).isEqualTo(1);
    assertThat(card.pageStates()).containsExactly("joon.kim (level 1): sent, not acknowledged yet");
    assertThat(card.canAcknowledge()).isTrue();
    assertThat(card.canDeclare()).isTrue();
    assertThat(card.incidentId()).isNull();
  }

  @Test
  void theListReadsOnlyTheAlertsItShowsAndCountsTheRestFromTheCounts() {
    assertThat(Board.detailPath("g")).isEqualTo("/v1/alert-groups/g?alerts=" + Board.ALERTS_SHOWN);
    JsonNode g = group("g", "storefront", "system", "2026-03-12T10:00:00Z");
    JsonNode detail =
        json(
            "{'group':"
                + g
                + ",'counts':{'alerts':500,'firing':500,'resolved':0,'flaps':0,'receives':1500},"
                + "'alerts':["
                + "{'summary':'a','status':'firing','receiveCount':3},"
                + "{'summary':'b','status':'firing','receiveCount':3}]}");

    Board.GroupCard card = Board.card(g, detail, List.of(), 2);

    assertThat(card.alerts()).extracting(a -> a.path("summary").asText()).containsExactly("a", "b");
    assertThat(card.moreAlerts()).isEqualTo(498);
    assertThat(card.resends()).isEqualTo(1000);
  }

  @Test
  void clustersAreApartAndDomainsInOrder() {
    List<Board.GroupCard> cards =
        List.of(
            Board.card(group("1", "payment", "system", "t"), null, List.of(), 8),
            Board.card(group("2", "order", "cs_inquiry", "t"), null, List.of(), 8),
            Board.card(group("3", "order", "system", "t"), null, List.of(), 8));
    assertThat(Board.byDomain(cards))
        .extracting(Board.DomainGroups::domain)
        .containsExactly("order", "payment");
    assertThat(Board.byDomain(cards).get(0).groups())
        .extracting(Board.GroupCard::id)
        .containsExactly("3");
    assertThat(Board.clusters(cards)).extracting(Board.GroupCard::id).containsExactly("2");
  }

  @Test
  void aDeclaredGroupLinksItsIncidentAndCannotBeDismissed() {
    JsonNode g =
        json(
            "{'id':'g','status':'acknowledged','declaredAt':'2026-03-12T10:00:00Z',"
                + "'resolvedAt':null,'incidentId':'5f0c'}");
    Board.GroupCard card = Board.card(g, null, List.of(), 8);
    assertThat(card.declared()).isTrue();
    assertThat(card.incidentId()).isEqualTo("5f0c");
    assertThat(card.canDismiss()).isFalse();
    assertThat(card.canDeclare()).isFalse();
    assertThat(card.canAcknowledge()).isFalse();
  }

  @Test
  void redirectsGoOnlyToTheListOrTheGroup() {
    Board.Filter f = Board.Filter.of("order", "open");
    assertThat(Board.back("group", "g1", f, "declared"))
        .isEqualTo("/triage/groups/g1?done=declared");
    assertThat(Board.back("https://evil.example", "g1", f, "declared"))
        .isEqualTo("/triage?done=declared&group=g1&domain=order&status=open");
  }

  @Test
  void onCallLevelsAndPagesInWords() {
    JsonNode onCall =
        json(
            "{'levels':[{'level':1,'targetType':'schedule','target':'s1','person':'joon.kim',"
                + "'scheduleId':'s1','ackTimeoutSeconds':1800},"
                + "{'level':2,'targetType':'person','target':'mina.park','person':'mina.park',"
                + "'ackTimeoutSeconds':5400}]}");
    List<OnCallBoard.Level> levels =
        OnCallBoard.levels(
            onCall, Map.of("s1", "storefront-primary"), Map.of("joon.kim", "Joon Kim"));
    assertThat(levels)
        .containsExactly(
            new OnCallBoard.Level(
                1, "Joon Kim (joon.kim)", "schedule storefront-primary", "30 min"),
            new OnCallBoard.Level(2, "mina.park", "named in the policy", "1 h 30 min"));

    JsonNode sent = json("{'person':'joon.kim','status':'sent'}");
    assertThat(OnCallBoard.row(sent, "joon.kim").acknowledgeable()).isTrue();
    assertThat(OnCallBoard.row(sent, "mina.park").acknowledgeable()).isFalse();
    JsonNode failed =
        json("{'person':'joon.kim','status':'failed','lastError':'webhook answered 500'}");
    assertThat(OnCallBoard.state(failed)).isEqualTo("delivery failed: webhook answered 500");
    assertThat(OnCallBoard.row(failed, "joon.kim").acknowledgeable()).isFalse();
  }
}
