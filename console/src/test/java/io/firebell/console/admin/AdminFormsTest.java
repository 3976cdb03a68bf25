package io.firebell.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.console.backend.ServiceProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin pages' own logic: account rules, reading forms, and placing a service's refusal. */
class AdminFormsTest {

  @Test
  void aNewAccountNeedsAUsableUsernameANameARoleAndAStrongEnoughPassword() {
    Form ok =
        AccountRules.newAccount("mina.park", "Mina Park", List.of("responder"), "long enough pw");
    assertThat(ok.hasErrors()).isFalse();

    Form bad = AccountRules.newAccount("Mina Park", " ", List.of(), "short");
    assertThat(bad.errors()).containsOnlyKeys("username", "displayName", "roles", "password");
    assertThat(bad.error("password")).isEqualTo("Use at least 12 characters.");
    assertThat(bad.value("username")).isEqualTo("Mina Park");
    assertThat(bad.value("password")).as("a password is never echoed back").isEmpty();

    assertThat(AccountRules.newAccount("x", "X", List.of("owner"), "long enough pw").error("roles"))
        .isEqualTo("There is no role \"owner\".");
    assertThat(
            AccountRules.newAccount("a".repeat(64), "X", List.of("viewer"), "long enough pw")
                .invalid("username"))
        .isTrue();
  }

  @Test
  void anAdminCannotTakeAwayTheirOwnAdminRoleOrDisableThemselves() {
    assertThat(AccountRules.ownRolesProblem(true, List.of("responder")))
        .startsWith("You cannot remove your own admin role");
    assertThat(AccountRules.ownRolesProblem(true, List.of("admin", "reviewer"))).isNull();
    assertThat(AccountRules.ownRolesProblem(false, List.of("viewer"))).isNull();
    assertThat(AccountRules.disableProblem(true)).startsWith("You cannot disable your own account");
    assertThat(AccountRules.disableProblem(false)).isNull();
    assertThat(AccountRules.parse(List.of("admin", "viewer", "nonsense")))
        .extracting(r -> r.word())
        .containsExactly("viewer", "admin");
  }

  @Test
  void aServiceFieldErrorLandsNextToItsControlAndADetailNamingAFieldToo() {
    ServiceProblem invalid =
        new ServiceProblem(
            400,
            "Invalid request",
            "matchers[1]: not a matcher",
            Map.of("matchers[1]", "not a matcher: 'x'", "name", "must not be blank"));
    Form form = Form.blank().with("name", "").refusedBy(invalid);
    assertThat(form.status()).isEqualTo(422);
    assertThat(form.error("matchers")).isEqualTo("not a matcher: 'x'");
    assertThat(form.error("name")).isEqualTo("must not be blank");
    assertThat(form.problem()).isEqualTo("matchers[1]: not a matcher");

    ServiceProblem ssrf =
        new ServiceProblem(
            422,
            "Unprocessable request",
            "url: 10.0.0.1 resolves to 10.0.0.1, a private (RFC 1918) address",
            Map.of());
    assertThat(Form.blank().refusedBy(ssrf).error("url"))
        .isEqualTo("10.0.0.1 resolves to 10.0.0.1, a private (RFC 1918) address");

    ServiceProblem conflict = new ServiceProblem(409, "Conflict", "the glossary has pod", Map.of());
    Form refused = Form.blank().refusedBy(conflict);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.hasErrors()).isFalse();
    assertThat(refused.refused()).isTrue();
  }

  @Test
  void policyLevelsBecomeTheApiLevelsAndTheirErrorsFindTheirControls() {
    PolicyForm typed =
        new PolicyForm(
            "order",
            "1",
            Arrays.asList("schedule:7701a9bf", "person:seoyeon.lee", ""),
            Arrays.asList("300", "600", "300"));
    Form form = typed.form();
    Map<String, Object> body = typed.body(form);
    assertThat(form.hasErrors()).isFalse();
    assertThat(body.get("repeatCount")).isEqualTo(1);
    assertThat(body.get("levels"))
        .isEqualTo(
            List.of(
                Map.of("targetType", "schedule", "target", "7701a9bf", "ackTimeoutSeconds", 300),
                Map.of("targetType", "person", "target", "seoyeon.lee", "ackTimeoutSeconds", 600)));

    PolicyForm gap =
        new PolicyForm(
            "x", "", Arrays.asList("", "", "person:a"), Arrays.asList("300", "300", "soon"));
    Form gapForm = gap.form();
    gap.body(gapForm);
    assertThat(gapForm.errors()).containsKeys("level1Target", "level2Target", "level3Timeout");

    assertThat(PolicyForm.control("levels[1].ackTimeoutSeconds")).isEqualTo("level2Timeout");
    assertThat(PolicyForm.control("levels[0].targetType")).isEqualTo("level1Target");
    assertThat(PolicyForm.control("levels")).isEqualTo("level1Target");
    assertThat(PolicyForm.control("repeatCount")).isEqualTo("repeatCount");
  }

  @Test
  void listsAndTimesAreReadAsPeopleTypeThem() {
    assertThat(Form.entries(" order, payment\n\nreview ,"))
        .containsExactly("order", "payment", "review");
    assertThat(Form.lines("service=~\"a|b,c\"\r\n  env!=\"staging\"  \n"))
        .containsExactly("service=~\"a|b,c\"", "env!=\"staging\"");
    assertThat(Form.utcInstant("2026-03-12T10:00")).isEqualTo("2026-03-12T10:00:00Z");
    assertThat(Form.utcInstant("2026-03-12 10:00")).isEqualTo("2026-03-12T10:00:00Z");
    assertThat(Form.utcInstant("2026-03-12T10:00:00+09:00")).isEqualTo("2026-03-12T01:00:00Z");
    assertThat(Form.utcInstant("tomorrow")).isNull();
    assertThat(Form.utcInstant("")).isNull();
    assertThat(Urls.segment("scale out")).isEqualTo("scale%20out");
    assertThat(Form.blank().with("roles", List.of("viewer", "admin")).has("roles", "admin"))
        .isTrue();
    assertThat(Form.notice(Map.of("saved", "Saved."), null)).isNull();
  }

  @Test
  void aMetricWatchFormBecomesTheApisWatchRequest() {
    MetricWatchesResource.Typed prometheus =
        new MetricWatchesResource.Typed(
            " orders-per-minute ",
            "orders_per_minute",
            "order",
            "order-api",
            "prometheus",
            " http://prometheus:9090 ",
            "sum(rate(orders_total[5m])) * 60",
            "90s",
            "4",
            "",
            "70",
            "3",
            "250 %",
            "",
            "critical",
            "on");
    Form form = prometheus.form();
    Map<String, Object> body = prometheus.body(form);
    assertThat(form.hasErrors()).isFalse();
    assertThat(body)
        .containsEntry("name", "orders-per-minute")
        .containsEntry("metric", "orders_per_minute")
        .containsEntry("domain", "order")
        .containsEntry("service", "order-api")
        .containsEntry(
            "source",
            Map.of(
                "type",
                "prometheus",
                "url",
                "http://prometheus:9090",
                "query",
                "sum(rate(orders_total[5m])) * 60"))
        .containsEntry("interval", "PT90S")
        .containsEntry("baseline", Map.of("weeks", 4))
        .containsEntry("drop", Map.of("percent", 70.0, "consecutive", 3))
        .containsEntry("spike", Map.of("percent", 250.0))
        .containsEntry("severity", "critical")
        .containsEntry("enabled", true);

    MetricWatchesResource.Typed pushed =
        new MetricWatchesResource.Typed(
            "payments",
            "payments_per_minute",
            "payment",
            "payment-api",
            "pushed",
            "http://left-over:9090",
            "left over",
            "",
            "6",
            "5",
            "",
            "",
            "300",
            "2",
            "",
            null);
    Map<String, Object> pushedBody = pushed.body(pushed.form());
    assertThat(pushedBody.get("source"))
        .as("a pushed source sends no URL or query the API would refuse")
        .isEqualTo(Map.of("type", "pushed"));
    assertThat(pushedBody).doesNotContainKeys("drop", "interval", "severity");
    assertThat(pushedBody)
        .containsEntry("baseline", Map.of("weeks", 6, "minWeeks", 5))
        .containsEntry("spike", Map.of("percent", 300.0, "consecutive", 2))
        .containsEntry("enabled", false);

    MetricWatchesResource.Typed unreadable =
        new MetricWatchesResource.Typed(
            "x", "x", "order", "s", "pushed", "", "", "1m", "four", "", "most", "", "", "3", "",
            "on");
    Form bad = unreadable.form();
    unreadable.body(bad);
    assertThat(bad.errors()).containsOnlyKeys("baselineWeeks", "dropPercent", "spikePercent");
    assertThat(bad.value("baselineWeeks")).isEqualTo("four");

    assertThat(MetricWatchesResource.isoInterval("5 min")).isEqualTo("PT5M");
    assertThat(MetricWatchesResource.isoInterval("1h")).isEqualTo("PT1H");
    assertThat(MetricWatchesResource.isoInterval("pt30s")).isEqualTo("PT30S");
  }

  @Test
  void aWatchRefusalLandsNextToItsControl() {
    ServiceProblem invalid =
        new ServiceProblem(
            400,
            "Invalid request",
            "baseline.minWeeks: must be at most baseline.weeks",
            Map.of("baseline.minWeeks", "must be at most baseline.weeks"));
    assertThat(Form.blank().refusedBy(invalid, MetricWatchesResource::control).error("minWeeks"))
        .isEqualTo("must be at most baseline.weeks");
    ServiceProblem ssrf =
        new ServiceProblem(
            422,
            "Unprocessable request",
            "source.url: 10.0.0.1 resolves to 10.0.0.1, a private (RFC 1918) address",
            Map.of());
    assertThat(Form.blank().refusedBy(ssrf, MetricWatchesResource::control).error("url"))
        .startsWith("10.0.0.1 resolves");
    assertThat(MetricWatchesResource.control("drop")).isEqualTo("dropPercent");
    assertThat(MetricWatchesResource.control("spike.consecutive")).isEqualTo("spikeConsecutive");
    assertThat(MetricWatchesResource.control("source.query")).isEqualTo("query");
    assertThat(MetricWatchesResource.control("source.type")).isEqualTo("source");
    assertThat(MetricWatchesResource.control("interval")).isEqualTo("interval");
  }

  @Test
  void aWatchsStateIsSaidInWordsAndItsFormShowsItAsStored() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode blind =
        json.readTree(
            "{\"blind\":true,\"blindReason\":\"connection refused\",\"enabled\":true,"
                + "\"lastEvaluatedAt\":\"2026-12-06T09:00:00Z\"}");
    assertThat(MetricWatchesResource.Row.of(blind).state()).isEqualTo("blind");
    assertThat(MetricWatchesResource.Row.of(blind).stateWords())
        .isEqualTo("blind: connection refused");
    JsonNode firing = json.readTree("{\"firing\":\"drop\",\"dropStreak\":4,\"enabled\":true}");
    assertThat(MetricWatchesResource.Row.of(firing).stateWords())
        .isEqualTo("breaching: the drop alert fires");
    JsonNode breaching =
        json.readTree(
            "{\"firing\":null,\"dropStreak\":1,\"spikeStreak\":0,\"enabled\":true,"
                + "\"drop\":{\"percent\":70.0,\"consecutive\":3}}");
    assertThat(MetricWatchesResource.Row.of(breaching).state()).isEqualTo("breaching");
    assertThat(MetricWatchesResource.Row.of(breaching).stateWords())
        .isEqualTo("breaching: below the drop threshold 1 time of 3");
    JsonNode ok =
        json.readTree(
            "{\"firing\":null,\"dropStreak\":0,\"spikeStreak\":0,\"enabled\":true,"
                + "\"lastEvaluatedAt\":\"2026-12-06T09:00:00Z\"}");
    assertThat(MetricWatchesResource.Row.of(ok).state()).isEqualTo("ok");
    assertThat(MetricWatchesResource.state(json.readTree("{\"enabled\":true}"))).isEqualTo("new");
    assertThat(MetricWatchesResource.state(json.readTree("{\"enabled\":false}"))).isEqualTo("off");

    JsonNode stored =
        json.readTree(
            "{\"name\":\"orders\",\"metric\":\"orders_per_minute\",\"domain\":\"order\","
                + "\"service\":\"order-api\",\"source\":{\"type\":\"pushed\",\"url\":null,"
                + "\"query\":null},\"interval\":\"PT1M\",\"baseline\":{\"weeks\":4,"
                + "\"minWeeks\":2},\"drop\":{\"percent\":62.5,\"consecutive\":3},"
                + "\"spike\":null,\"severity\":\"critical\",\"enabled\":true}");
    Form edit = MetricWatchesResource.typed(stored);
    assertThat(edit.value("url")).isEmpty();
    assertThat(edit.value("dropPercent")).isEqualTo("62.5");
    assertThat(edit.value("spikePercent")).isEmpty();
    assertThat(edit.value("interval")).isEqualTo("PT1M");
    assertThat(edit.on("enabled")).isTrue();

    JsonNode evaluation =
        json.readTree(
            "{\"asOf\":\"2026-12-06T09:00:00Z\",\"trigger\":\"manual\","
                + "\"outcome\":\"insufficient_history\",\"observed\":34.0,\"baseline\":null,"
                + "\"ratioPercent\":28.333333,\"changes\":[\"drop fired\"]}");
    MetricWatchesResource.Evaluation e = MetricWatchesResource.Evaluation.of(evaluation);
    assertThat(e.manual()).isTrue();
    assertThat(e.outcome()).isEqualTo("insufficient history");
    assertThat(e.observed()).isEqualTo("34");
    assertThat(e.baseline()).isEqualTo("–");
    assertThat(e.ratioPercent()).isEqualTo("28.3 %");
    assertThat(e.changes()).isEqualTo("drop fired");
  }
}
