package io.firebell.detection.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.detection.AlertGroupOpened;
import io.firebell.contracts.detection.AlertGroupResolved;
import io.firebell.contracts.detection.AlertGroupUpdated;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.contracts.detection.InquiryClusterOpened;
import io.firebell.detection.routing.RouteTable;
import io.firebell.detection.routing.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The decisions an arriving alert takes on its group ({@link AlertGroup#apply}), without a
 * database: each test sets the time and reads the returned events and the group's state.
 */
class AlertGroupTest {

  private static final Duration FLAP_WINDOW = Duration.ofMinutes(15);
  private static final String ROUTE_KEY = "order/checkout:{alertname=\"HighLatency\"}";
  private static final UUID ROUTE = UUID.randomUUID();

  private Clock clock = Clock.fixed(Instant.parse("2026-03-12T11:00:00Z"), ZoneOffset.UTC);

  private Instant now() {
    return clock.instant();
  }

  private void advance(Duration d) {
    clock = Clock.offset(clock, d);
  }

  private AlertReceived alert(String dedupKey, AlertStatus status, String severity) {
    return new AlertReceived(
        UUID.randomUUID(),
        null,
        "alertmanager",
        dedupKey,
        status.wire(),
        "system",
        severity,
        "order",
        "checkout",
        null,
        ROUTE,
        ROUTE_KEY,
        Map.of("alertname", "HighLatency", "instance", dedupKey),
        Map.of("summary", "latency on " + dedupKey),
        "latency on " + dedupKey,
        Instant.parse("2026-03-12T10:55:00Z"),
        null,
        null,
        Map.of(),
        Map.of(),
        now());
  }

  private AlertReceived firing(String dedupKey) {
    return alert(dedupKey, AlertStatus.FIRING, "warning");
  }

  private AlertReceived resolved(String dedupKey) {
    return alert(dedupKey, AlertStatus.RESOLVED, "warning");
  }

  /** A group with one firing alert {@code a1}, and that alert's row as grouping keeps it. */
  private record Started(AlertGroup group, AlertRow row) {}

  private Started started() {
    AlertGroup.Applied applied = AlertGroup.start(firing("a1"), now());
    return new Started(applied.group(), applied.newAlert());
  }

  @Test
  void theFirstAlertOfARouteKeyOpensANewGroup() {
    AlertGroup.Applied applied = AlertGroup.start(firing("a1"), now());

    AlertGroup group = applied.group();
    assertThat(applied.events()).hasSize(1);
    AlertGroupOpened opened = (AlertGroupOpened) applied.events().get(0);
    assertThat(opened.alertGroupId()).isEqualTo(group.getId());
    assertThat(opened.routeKey()).isEqualTo(ROUTE_KEY);
    assertThat(opened.alertCount()).isEqualTo(1);
    assertThat(opened.reopened()).isFalse();
    assertThat(opened.labels()).containsEntry("alertname", "HighLatency");
    assertThat(group.getStatus()).isEqualTo(AlertGroupStatus.OPEN);
    assertThat(group.getAlertCount()).isEqualTo(1);
    assertThat(group.getFiringCount()).isEqualTo(1);
    assertThat(group.getOpenedAt()).isEqualTo(now());
    assertThat(group.getOccurredAt()).isEqualTo(Instant.parse("2026-03-12T10:55:00Z"));
    assertThat(applied.newAlert().getAlertGroupId()).isEqualTo(group.getId());
    assertThat(applied.newAlert().getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(group.takeUpdate(now())).isNull();
  }

  @Test
  void aReSentAlertChangesItsRowAndCausesNoEvent() {
    Started s = started();
    advance(Duration.ofSeconds(30));

    AlertGroup.Applied applied = s.group().apply(firing("a1"), s.row(), FLAP_WINDOW, now());

    assertThat(applied.events()).isEmpty();
    assertThat(applied.newAlert()).isNull();
    assertThat(applied.group()).isSameAs(s.group());
    assertThat(s.group().getAlertCount()).isEqualTo(1);
    assertThat(s.group().getFiringCount()).isEqualTo(1);
    assertThat(s.group().getLastAlertAt()).isEqualTo(now());
    assertThat(s.row().getReceiveCount()).isEqualTo(2);
    assertThat(s.group().takeUpdate(now())).isNull();
  }

  @Test
  void aNewAlertJoinsTheGroupAndItsUpdatesAreCoalesced() {
    Started s = started();

    AlertGroup.Applied second = s.group().apply(firing("a2"), null, FLAP_WINDOW, now());
    AlertGroup.Applied third = s.group().apply(firing("a3"), null, FLAP_WINDOW, now());

    assertThat(second.events()).isEmpty();
    assertThat(third.events()).isEmpty();
    assertThat(second.newAlert().getDedupKey()).isEqualTo("a2");
    assertThat(s.group().getAlertCount()).isEqualTo(3);
    assertThat(s.group().getFiringCount()).isEqualTo(3);
    AlertGroupUpdated owed = s.group().takeUpdate(now());
    assertThat(owed.reason()).isEqualTo("alerts_added");
    assertThat(owed.alertCount()).isEqualTo(3);
    assertThat(s.group().takeUpdate(now())).isNull();
  }

  @Test
  void theGroupResolvesWithItsLastFiringAlert() {
    Started s = started();
    AlertRow second = s.group().apply(firing("a2"), null, FLAP_WINDOW, now()).newAlert();
    s.group().takeUpdate(now());
    advance(Duration.ofMinutes(5));

    List<FirebellEvent> first =
        s.group().apply(resolved("a1"), s.row(), FLAP_WINDOW, now()).events();

    assertThat(first).singleElement().isInstanceOf(AlertGroupUpdated.class);
    assertThat(((AlertGroupUpdated) first.get(0)).reason()).isEqualTo("alert_resolved");
    assertThat(((AlertGroupUpdated) first.get(0)).firingCount()).isEqualTo(1);
    assertThat(s.group().getResolvedAt()).isNull();
    assertThat(s.row().getStatus()).isEqualTo(AlertStatus.RESOLVED);

    List<FirebellEvent> last = s.group().apply(resolved("a2"), second, FLAP_WINDOW, now()).events();

    assertThat(last).singleElement().isInstanceOf(AlertGroupResolved.class);
    assertThat(((AlertGroupResolved) last.get(0)).resolvedAt()).isEqualTo(now());
    assertThat(s.group().getStatus()).isEqualTo(AlertGroupStatus.RESOLVED);
    assertThat(s.group().getFiringCount()).isZero();
    assertThat(s.group().getResolvedAt()).isEqualTo(now());
  }

  @Test
  void aResolveOfAnAlertAlreadyResolvedCausesNoEvent() {
    Started s = started();
    s.group().apply(firing("a2"), null, FLAP_WINDOW, now());
    s.group().apply(resolved("a1"), s.row(), FLAP_WINDOW, now());

    assertThat(s.group().apply(resolved("a1"), s.row(), FLAP_WINDOW, now()).events()).isEmpty();
    assertThat(s.group().getFiringCount()).isEqualTo(1);
  }

  @Test
  void aKnownAlertFiringAgainAfterItResolvedCountsAsFiringAgain() {
    Started s = started();
    s.group().apply(firing("a2"), null, FLAP_WINDOW, now());
    s.group().takeUpdate(now());
    advance(Duration.ofMinutes(1));
    s.group().apply(resolved("a1"), s.row(), FLAP_WINDOW, now());
    advance(Duration.ofMinutes(1));

    AlertGroup.Applied refired = s.group().apply(firing("a1"), s.row(), FLAP_WINDOW, now());

    assertThat(refired.events()).isEmpty();
    assertThat(refired.newAlert()).isNull();
    assertThat(s.row().getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(s.group().getAlertCount()).isEqualTo(2);
    assertThat(s.group().getFiringCount()).isEqualTo(2);
    assertThat(s.group().takeUpdate(now()).reason()).isEqualTo("alerts_added");
  }

  @Test
  void aResolvedGroupFiringAgainWithinTheFlapWindowReOpens() {
    Started s = started();
    s.group().apply(resolved("a1"), s.row(), FLAP_WINDOW, now());
    advance(FLAP_WINDOW);

    AlertGroup.Applied applied = s.group().apply(firing("a1"), s.row(), FLAP_WINDOW, now());

    assertThat(applied.group()).isSameAs(s.group());
    assertThat(applied.newAlert()).isNull();
    assertThat(applied.events()).singleElement().isInstanceOf(AlertGroupOpened.class);
    AlertGroupOpened reopened = (AlertGroupOpened) applied.events().get(0);
    assertThat(reopened.alertGroupId()).isEqualTo(s.group().getId());
    assertThat(reopened.reopened()).isTrue();
    assertThat(reopened.flapCount()).isEqualTo(1);
    assertThat(s.group().getStatus()).isEqualTo(AlertGroupStatus.OPEN);
    assertThat(s.group().getResolvedAt()).isNull();
    assertThat(s.group().getFiringCount()).isEqualTo(1);
    assertThat(s.group().getOpenedAt()).isEqualTo(now());
  }

  @Test
  void aResolvedGroupFiringAgainAfterTheFlapWindowGivesWayToANewGroup() {
    Started s = started();
    s.group().apply(resolved("a1"), s.row(), FLAP_WINDOW, now());
    Instant resolvedAt = now();
    advance(FLAP_WINDOW.plusSeconds(1));

    AlertGroup.Applied applied = s.group().apply(firing("a1"), s.row(), FLAP_WINDOW, now());

    assertThat(applied.group()).isNotSameAs(s.group());
    assertThat(applied.group().getRouteKey()).isEqualTo(ROUTE_KEY);
    assertThat(applied.newAlert().getAlertGroupId()).isEqualTo(applied.group().getId());
    assertThat(applied.events()).singleElement().isInstanceOf(AlertGroupOpened.class);
    assertThat(((AlertGroupOpened) applied.events().get(0)).reopened()).isFalse();
    assertThat(s.group().getResolvedAt()).isEqualTo(resolvedAt);
    assertThat(s.group().getFlapCount()).isZero();
  }

  @Test
  void aMoreSevereAlertRaisesTheGroupsSeverity() {
    Started s = started();

    AlertGroup.Applied applied =
        s.group().apply(alert("a1", AlertStatus.FIRING, "critical"), s.row(), FLAP_WINDOW, now());

    assertThat(applied.events()).isEmpty();
    assertThat(s.group().getSeverity()).isEqualTo("critical");
    AlertGroupUpdated owed = s.group().takeUpdate(now());
    assertThat(owed.reason()).isEqualTo("severity_changed");
    assertThat(owed.severity()).isEqualTo("critical");

    s.group().apply(alert("a2", AlertStatus.FIRING, "info"), null, FLAP_WINDOW, now());
    assertThat(s.group().getSeverity()).isEqualTo("critical");
    assertThat(s.group().takeUpdate(now()).reason()).isEqualTo("alerts_added");
  }

  @Test
  void anUpdateOwedByAGroupThatResolvedSinceIsDropped() {
    Started s = started();
    AlertRow second = s.group().apply(firing("a2"), null, FLAP_WINDOW, now()).newAlert();
    s.group().apply(resolved("a1"), s.row(), FLAP_WINDOW, now());
    s.group().apply(resolved("a2"), second, FLAP_WINDOW, now());

    assertThat(s.group().takeUpdate(now())).isNull();
  }

  @Test
  void anAcknowledgeFromTheSourceAcknowledgesAnOpenGroupOnce() {
    Started s = started();

    List<FirebellEvent> acked =
        s.group()
            .apply(alert("a1", AlertStatus.ACKNOWLEDGED, "warning"), s.row(), FLAP_WINDOW, now())
            .events();

    assertThat(acked).singleElement().isInstanceOf(AlertGroupUpdated.class);
    assertThat(((AlertGroupUpdated) acked.get(0)).reason()).isEqualTo("acknowledged");
    assertThat(((AlertGroupUpdated) acked.get(0)).acknowledgedBy())
        .isEqualTo("integration:alertmanager");
    assertThat(s.group().getStatus()).isEqualTo(AlertGroupStatus.ACKNOWLEDGED);
    assertThat(s.row().getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(
            s.group()
                .apply(
                    alert("a1", AlertStatus.ACKNOWLEDGED, "warning"), s.row(), FLAP_WINDOW, now())
                .events())
        .isEmpty();
  }

  @Test
  void aResolveOfAnAlertTheGroupDoesNotHoldChangesNothing() {
    Started s = started();

    assertThat(s.group().apply(resolved("elsewhere"), null, FLAP_WINDOW, now()).events()).isEmpty();
    assertThat(s.group().getFiringCount()).isEqualTo(1);
    assertThat(s.group().getResolvedAt()).isNull();
  }

  @Test
  void anInquiryClusterOpensItsGroupAndIsAnnounced() {
    UUID cluster = UUID.randomUUID();
    List<UUID> inquiries = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    InquiryCluster sent =
        new InquiryCluster(
            cluster,
            "service_category",
            "checkout",
            "order_failed",
            null,
            null,
            3,
            inquiries,
            List.of("chat", "phone"),
            Instant.parse("2026-03-12T10:50:00Z"));
    AlertReceived signal =
        new AlertReceived(
            UUID.randomUUID(),
            null,
            InquiryCluster.SOURCE_KIND,
            cluster.toString(),
            AlertStatus.FIRING.wire(),
            "cs_inquiry",
            "error",
            "order",
            "checkout",
            null,
            ROUTE,
            ROUTE_KEY,
            Map.of("alertname", "cs_inquiry"),
            Map.of(),
            "3 customer inquiries about checkout",
            Instant.parse("2026-03-12T10:50:00Z"),
            null,
            null,
            Map.of(),
            sent.details(),
            now());

    AlertGroup.Applied applied = AlertGroup.start(signal, now());

    assertThat(InquiryCluster.of(signal)).isEqualTo(sent);
    assertThat(applied.events()).hasSize(2);
    InquiryClusterOpened opened = (InquiryClusterOpened) applied.events().get(1);
    assertThat(opened.clusterId()).isEqualTo(cluster);
    assertThat(opened.alertGroupId()).isEqualTo(applied.group().getId());
    assertThat(opened.domain()).isEqualTo("order");
    assertThat(opened.inquiryIds()).isEqualTo(inquiries);
    assertThat(opened.channels()).containsExactly("chat", "phone");
    assertThat(opened.inquiryCount()).isEqualTo(3);
    assertThat(opened.firstInquiryAt()).isEqualTo(Instant.parse("2026-03-12T10:50:00Z"));
    assertThat(opened.openedAt()).isEqualTo(now());
  }

  @Test
  void theRouteAutoDeclaresOnceAndPagesAnOpenGroupSevereEnough() {
    Started s = started();
    RouteTable.Compiled route =
        new RouteTable.Compiled(
            ROUTE,
            "order",
            List.of(),
            "order",
            null,
            "system",
            Severity.WARNING,
            null,
            List.of(),
            true,
            true,
            Severity.WARNING,
            false);

    DeclarationRequested declared = s.group().autoDeclare(route, now());

    assertThat(declared.autoDeclared()).isTrue();
    assertThat(s.group().getDeclaredBy()).isEqualTo("detection");
    assertThat(s.group().autoDeclare(route, now())).isNull();
    assertThat(s.group().toPage(route)).isTrue();
    s.group().markPaged(now());
    assertThat(s.group().toPage(route)).isFalse();
    assertThat(s.group().toPage(null)).isFalse();
  }
}
