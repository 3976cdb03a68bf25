package io.firebell.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebell.detection.model.Schedule;
import io.firebell.detection.routing.Matcher;
import io.firebell.detection.routing.RouteTable;
import io.firebell.detection.routing.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pure domain logic: matchers, route keys, severities, rotations. */
class RoutingRulesTest {

  @Test
  void matchersBehaveLikeAlertmanagers() {
    Map<String, String> labels = Map.of("service", "order-api", "env", "prod");
    assertThat(Matcher.parse("service=\"order-api\"").compiled().matches(labels)).isTrue();
    assertThat(Matcher.parse("service=~\"order-.*\"").compiled().matches(labels)).isTrue();
    // Anchored: a partial match is no match.
    assertThat(Matcher.parse("service=~\"order\"").compiled().matches(labels)).isFalse();
    assertThat(Matcher.parse("env!=staging").compiled().matches(labels)).isTrue();
    assertThat(Matcher.parse("env!~\"prod|live\"").compiled().matches(labels)).isFalse();
    // A missing label is the empty string.
    assertThat(Matcher.parse("team!=\"core\"").compiled().matches(labels)).isTrue();
    assertThat(Matcher.parse("team=\"\"").compiled().matches(labels)).isTrue();
    assertThatThrownBy(() -> Matcher.parse("service=~\"(\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Matcher.parse("no operator"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void firstMatchingRouteWinsAndTheCatchAllTakesTheRest() {
    UUID orderId = UUID.randomUUID();
    UUID catchAll = UUID.randomUUID();
    RouteTable table =
        new RouteTable(
            List.of(
                new RouteTable.Compiled(
                    orderId,
                    "order-latency",
                    List.of(Matcher.parse("service=~\"order-.*\"").compiled()),
                    "order",
                    null,
                    "external_integration",
                    null,
                    null,
                    List.of("alertname", "service"),
                    false,
                    true,
                    Severity.CRITICAL,
                    false),
                new RouteTable.Compiled(
                    catchAll,
                    "catch-all",
                    List.of(),
                    "unrouted",
                    null,
                    "system",
                    Severity.INFO,
                    null,
                    List.of("alertname"),
                    false,
                    false,
                    Severity.CRITICAL,
                    true)));
    RouteTable.Decision d =
        table.route(
            Map.of("alertname", "Slow", "service", "order-api", "partner", "pos-vendor"),
            Severity.ERROR);
    assertThat(d.routeId()).isEqualTo(orderId);
    assertThat(d.routeKey())
        .isEqualTo("order/order-latency:{alertname=\"Slow\",service=\"order-api\"}");
    assertThat(d.service()).isEqualTo("order-api");
    assertThat(d.partner()).isEqualTo("pos-vendor");
    assertThat(d.severity()).isEqualTo(Severity.ERROR);
    assertThat(RouteTable.groupLabels(d.routeKey()))
        .containsEntry("alertname", "Slow")
        .containsEntry("service", "order-api");
    RouteTable.Decision other = table.route(Map.of("alertname", "Disk"), Severity.CRITICAL);
    assertThat(other.routeId()).isEqualTo(catchAll);
    assertThat(other.severity()).isEqualTo(Severity.INFO); // the route fixes it
  }

  @Test
  void toolSeverityWordsAreNormalized() {
    assertThat(Severity.parse("P1")).isEqualTo(Severity.CRITICAL);
    assertThat(Severity.parse("high")).isEqualTo(Severity.ERROR);
    assertThat(Severity.parse("warn")).isEqualTo(Severity.WARNING);
    assertThat(Severity.parse("none")).isEqualTo(Severity.INFO);
    assertThat(Severity.parse("banana")).isNull();
  }

  @Test
  void weeklyRotationHandsOffAtLocalTimeAcrossDst() {
    Schedule s =
        Schedule.create(
            "primary",
            "Europe/Berlin",
            List.of("ann", "ben", "cat"),
            "P7D",
            LocalTime.of(9, 0),
            LocalDate.of(2026, 3, 16),
            Instant.now());
    assertThat(s.rotationMemberAt(Instant.parse("2026-03-16T07:59:00Z"))).isNull();
    assertThat(s.rotationMemberAt(Instant.parse("2026-03-16T08:00:00Z"))).isEqualTo("ann");
    // DST starts 2026-03-29 in Berlin: 09:00 local is 07:00Z from then on.
    assertThat(s.rotationMemberAt(Instant.parse("2026-03-30T06:59:00Z"))).isEqualTo("ben");
    assertThat(s.rotationMemberAt(Instant.parse("2026-03-30T07:00:00Z"))).isEqualTo("cat");
    assertThat(s.rotationMemberAt(Instant.parse("2026-04-06T07:00:00Z"))).isEqualTo("ann");
    assertThat(Schedule.checkRotationLength("P0D")).isNotNull();
    assertThat(Schedule.checkRotationLength("PT12H")).isNull();
  }
}
