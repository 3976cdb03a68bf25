package io.firebell.console.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The room's own logic: merging the two timelines, words for durations, the action buttons. */
class RoomTimelineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFireAlarmAndUpdatesJoinTheIncidentTimelineNewestFirst() throws Exception {
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(
            """
            [{"kind":"declared","actor":"joon.kim","at":"2026-03-12T10:00:00Z","summary":"Declared SEV2 INC-1"},
             {"kind":"role_assigned","actor":"joon.kim","at":"2026-03-12T10:00:05Z","summary":"mina.park is now recovery_lead"},
             {"kind":"note","actor":"mina.park","at":"2026-03-12T10:00:05Z","summary":"p99 at 2 s"}]
            """)
        .forEach(entries::add);
    JsonNode communications =
        JSON.readTree(
            """
            [{"kind":"announcement","at":"2026-03-12T10:00:01Z","audiences":["dev_org","cs"],"recipients":2,
              "texts":{"dev_org":"Incident declared: orders slow","cs":"Incident: orders slow"}},
             {"kind":"update","at":"2026-03-12T10:03:00Z","audiences":["customers"],"recipients":1,
              "status":"identified","impact":"Orders may fail.","author":"joon.kim","texts":{"customers":"We found it."}}]
            """);

    List<RoomTimeline.Entry> merged = RoomTimeline.merge(entries, communications);

    assertThat(merged)
        .extracting(RoomTimeline.Entry::label)
        .containsExactly("Stakeholder update", "Note", "Role", "Fire alarm", "Declared");
    RoomTimeline.Entry alarm = merged.get(3);
    assertThat(alarm.summary()).isEqualTo("Announced to dev org, cs (2 endpoints)");
    assertThat(alarm.broadcast()).isTrue();
    assertThat(alarm.texts())
        .extracting(RoomTimeline.Text::audience, RoomTimeline.Text::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dev org", "Incident declared: orders slow"),
            org.assertj.core.groups.Tuple.tuple("cs", "Incident: orders slow"));
    assertThat(merged.get(0).summary())
        .isEqualTo("Identified: Orders may fail. — sent to customers (1 endpoint)");
    assertThat(merged.get(0).actor()).isEqualTo("joon.kim");
  }

  @Test
  void withoutBroadcastTheIncidentTimelineStandsAlone() throws Exception {
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(
            "[{\"kind\":\"status_changed\",\"at\":\"2026-03-12T10:00:00Z\",\"summary\":\"x\"},"
                + "{\"kind\":\"something_new\",\"at\":\"2026-03-12T10:01:00Z\",\"summary\":\"y\"}]")
        .forEach(entries::add);
    assertThat(RoomTimeline.merge(entries, null))
        .extracting(RoomTimeline.Entry::label)
        .containsExactly("Something new", "Status changed");
    JsonNode silent =
        JSON.readTree(
            "[{\"kind\":\"announcement\",\"at\":\"2026-03-12T10:00:01Z\",\"audiences\":[],"
                + "\"recipients\":0,\"texts\":{}}]");
    assertThat(RoomTimeline.merge(List.of(), silent).get(0).summary())
        .isEqualTo("Announced to nobody (no endpoint subscribed)");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(Readable.duration("PT2H58M1.55097S")).isEqualTo("2 h 58 min");
    assertThat(Readable.duration("PT23H")).isEqualTo("23 h");
    assertThat(Readable.duration("PT24H")).isEqualTo("24 h");
    assertThat(Readable.duration("P1DT2H5M")).isEqualTo("26 h 5 min");
    assertThat(Readable.duration("P3DT2H")).isEqualTo("3 d 2 h");
    assertThat(Readable.duration("P7D")).isEqualTo("7 d");
    assertThat(Readable.duration("PT45.9S")).isEqualTo("45 s");
    assertThat(Readable.duration("PT0S")).isEqualTo("0 s");
    assertThat(Readable.duration("-PT5M")).isEqualTo("-5 min");
    assertThat(Readable.duration("yesterday")).isEqualTo("yesterday");
    assertThat(Readable.duration(null)).isEmpty();
    assertThat(Readable.label("scale_out")).isEqualTo("Scale out");
  }

  @Test
  void theMovesAreWhatIncidentServiceAllows() throws Exception {
    RoomResource.Moves moves =
        RoomResource.movesOf(
            JSON.readTree(
                """
                {"status":"identified","allowed":[{"to":"investigating","requires":[]},
                 {"to":"monitoring","requires":[]},{"to":"resolved","requires":["recoveryMethod"]}],
                 "recoveryMethods":["rollback","restart"]}
                """));
    assertThat(moves.allowed())
        .extracting(RoomResource.Move::to)
        .containsExactly("investigating", "monitoring", "resolved");
    assertThat(moves.needs("resolved")).isTrue();
    assertThat(moves.needs("monitoring")).isFalse();
    assertThat(moves.recoveryMethodField()).isTrue();
    assertThat(moves.recoveryMethods()).containsExactly("rollback", "restart");

    RoomResource.Moves closed =
        RoomResource.movesOf(JSON.readTree("{\"status\":\"closed\",\"allowed\":[]}"));
    assertThat(closed.allowed()).isEmpty();
    assertThat(closed.recoveryMethodField()).isFalse();
    assertThat(closed.recoveryMethods()).contains("scale_out", "failover");
  }

  @Test
  void actionsOfferOnlyTheMovesAheadOfThem() throws Exception {
    List<JsonNode> actions = new ArrayList<>();
    JSON.readTree(
            "[{\"id\":\"a1\",\"kind\":\"hotfix\",\"status\":\"planned\"},"
                + "{\"id\":\"a2\",\"kind\":\"scale_out\",\"status\":\"in_progress\"},"
                + "{\"id\":\"a3\",\"kind\":\"rollback\",\"status\":\"done\"}]")
        .forEach(actions::add);
    List<RoomResource.ActionRow> rows = RoomResource.actionRows(actions);
    assertThat(rows.get(0).steps())
        .extracting(RoomResource.Move::label)
        .containsExactly("Start", "Mark done", "Mark failed");
    assertThat(rows.get(1).steps())
        .extracting(RoomResource.Move::to)
        .containsExactly("done", "failed");
    assertThat(rows.get(2).steps()).isEmpty();
    assertThat(rows.get(1).label()).isEqualTo("Scale out");
    assertThat(rows.get(0).formName()).isEqualTo("action-a1");
  }
}
