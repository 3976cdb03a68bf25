package io.firebell.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

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
}
