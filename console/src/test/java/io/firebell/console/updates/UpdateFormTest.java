package io.firebell.console.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateFormTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-12T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void becomesTheBodyOfBroadcastServicesUpdateApi() {
    UpdateForm form =
        new UpdateForm(
            "identified",
            "  Some customers cannot pay by card.  ",
            "in 90 minutes",
            false,
            "",
            "- Failed card payments are cancelled within 3 days\r\n\n  Affected customers get a coupon  \n",
            List.of("customers", "dev_org"));
    assertThat(form.unreadable(clock)).isEmpty();
    Map<String, Object> body = form.body(clock);
    assertThat(body)
        .containsEntry("status", "identified")
        .containsEntry("impact", "Some customers cannot pay by card.")
        .containsEntry("expectedRecoveryAt", "2026-03-12T11:30:00Z")
        .containsEntry(
            "followUpActions",
            List.of(
                "Failed card payments are cancelled within 3 days",
                "Affected customers get a coupon"))
        .containsEntry("audiences", List.of("customers", "dev_org"))
        .doesNotContainKeys("recoveryUnknown", "nextUpdateAt");
  }

  @Test
  void leavesOutWhatWasNotGivenSoThatTheServiceNamesWhatIsMissing() {
    UpdateForm form = new UpdateForm("", "x", "", true, "15:00", "", List.of("customers"));
    Map<String, Object> body = form.body(clock);
    assertThat(body.get("status")).isNull();
    assertThat(body).doesNotContainKey("expectedRecoveryAt");
    assertThat(body)
        .containsEntry("recoveryUnknown", true)
        .containsEntry("nextUpdateAt", "2026-03-12T15:00:00Z")
        .containsEntry("followUpActions", List.of());
  }

  @Test
  void namesTheControlsWhoseTimeItCannotRead() {
    UpdateForm form = new UpdateForm("identified", "x", "soon", false, "later", "", List.of());
    assertThat(form.unreadable(clock)).containsOnlyKeys("eta", "next");
  }

  @Test
  void mapsTheServicesFieldErrorsToTheControls() {
    assertThat(UpdateForm.control("status")).isEqualTo("status");
    assertThat(UpdateForm.control("expectedRecovery")).isEqualTo("eta");
    assertThat(UpdateForm.control("expectedRecoveryAt")).isEqualTo("eta");
    assertThat(UpdateForm.control("recoveryUnknown")).isEqualTo("unknown");
    assertThat(UpdateForm.control("nextUpdateAt")).isEqualTo("next");
    assertThat(UpdateForm.control("followUpActions")).isEqualTo("followups");
    assertThat(UpdateForm.control("followUpActions[0].<list element>")).isEqualTo("followups");
    assertThat(UpdateForm.control("audiences")).isEqualTo("audiences");
    assertThat(UpdateForm.control("impact")).isEqualTo("impact");
    assertThat(UpdateForm.control("texts.customers")).isNull();
    assertThat(
            UpdatesResource.controls(
                Map.of("expectedRecovery", "missing: a time", "texts.customers", "\"pod\" at 3")))
        .containsEntry("eta", "missing: a time")
        .containsEntry("other", "texts.customers: \"pod\" at 3");
  }

  @Test
  void aFreshFormStartsFromTheIncidentsStatusWhenAnUpdateCanHaveIt() {
    assertThat(UpdateForm.fresh("identified").status()).isEqualTo("identified");
    assertThat(UpdateForm.fresh("closed").status()).isEmpty();
  }
}
