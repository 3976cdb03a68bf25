package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.HostileReceiver;
import io.firebell.platform.testing.HostileReceiver.Behaviour;
import io.firebell.platform.testing.JvmFootprint;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pages go through the outbound guard: a person's webhook URL is checked when it is stored (422,
 * nothing stored), and hostile receivers (never answers, 1 GiB body, redirect, TLS garbage, an
 * address refused at send time) cost one deadline at most, leave only a coarse reason in the page's
 * lastError, and neither memory nor threads.
 */
@QuarkusTest
class PagingOutboundGuardTest {

  private static final String ADMIN = TestTokens.bearer("ada", "admin");

  @Inject AgroalDataSource db;

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://169.254.169.254/latest/meta-data/|cloud metadata",
        "http://[fd00:ec2::254]/|cloud metadata",
        "https://metadata.firebell.test/|cloud metadata",
        "http://10.1.2.3/page|private (RFC 1918)",
        "https://intranet.firebell.test/hook|private (RFC 1918)",
        "http://100.64.0.1/|CGNAT",
        "http://[fc00::1]/|unique local",
        "http://127.0.0.2:9/|loopback",
        "http://[::ffff:127.0.0.1]:9/|IPv4-mapped IPv6",
        "http://192.0.2.10/|documentation",
        "http://[2002:a9fe:a9fe::1]/|6to4",
        "http://[64:ff9b::a9fe:a9fe]/|NAT64",
        "http://127.1:8080/|ambiguous IPv4 literal",
        "http://012.0.0.7/|ambiguous IPv4 literal",
        "http://2130706433/|ambiguous IPv4 literal",
        "http://0x7f.0.0.1/|ambiguous IPv4 literal",
        "https://nowhere.firebell.test/|does not resolve",
      })
  void aWebhookUrlTheGuardRefusesIsA422AndNothingIsStored(String url, String reason) {
    String id = "refused-" + UUID.randomUUID() + "@firebell.test";
    putPerson(id, url)
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("webhookUrl"))
        .body("detail", containsString(reason));
    given()
        .header("Authorization", ADMIN)
        .get("/v1/people")
        .then()
        .statusCode(200)
        .body(not(containsString(id)));
  }

  @Test
  void aUrlThatIsNotAPlainHttpUrlIsA400() {
    putPerson("creds@firebell.test", "https://user:pw@example.com/")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("credentials"));
  }

  @Test
  void hostileReceiversCostOneDeadlineAtMostAndLeaveOnlyACoarseReason() throws Exception {
    List<HostileReceiver> receivers = new ArrayList<>();
    UUID group = UUID.randomUUID();
    try {
      HostileReceiver target = HostileReceiver.start(Behaviour.OK);
      receivers.add(target);
      Map<String, String> urls = new LinkedHashMap<>();
      for (HostileReceiver r :
          List.of(
              HostileReceiver.start(Behaviour.NEVER_ANSWERS),
              HostileReceiver.start(Behaviour.HUGE_BODY),
              HostileReceiver.redirectingTo(target.url("/stolen")),
              HostileReceiver.start(Behaviour.TLS_GARBAGE))) {
        receivers.add(r);
        urls.put(r.behaviour().toString(), r.url("/page"));
      }
      // Stored as allowed, then re-pointed (as DNS rebinding would): refused at send time.
      urls.put("REFUSED AT SEND", target.url("/rebound"));

      Map<String, String> people = new LinkedHashMap<>();
      urls.forEach(
          (name, url) -> {
            String id = name.toLowerCase().replace(' ', '-') + "-" + group + "@firebell.test";
            putPerson(id, url).statusCode(200);
            people.put(name, id);
          });
      JvmFootprint before = JvmFootprint.now();
      long start = System.nanoTime();
      try (Connection c = db.getConnection()) {
        c.createStatement()
            .execute(
                "update person set webhook_url = replace(webhook_url, '127.0.0.1', '127.0.0.2')"
                    + " where id = '"
                    + people.get("REFUSED AT SEND")
                    + "'");
        Fixtures.openGroup(c, group, "hostile/" + group + ":{}");
        int level = 1;
        for (String person : people.values()) {
          pendingPage(c, group, level++, person);
        }
      }
      int[] peakThreads = {before.threads()};
      // Bounded by the deadline: a receiver that never answers would otherwise hold the pass (its
      // pages go one after another) for good, and no page of it would have an attempt.
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                peakThreads[0] = Math.max(peakThreads[0], JvmFootprint.liveThreads());
                return pages(group).getList("findAll { it.attempts >= 1 }").size() == people.size();
              });
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      JvmFootprint after = JvmFootprint.now();

      JsonPath pages = pages(group);
      Map<String, String> errors = new LinkedHashMap<>();
      people.forEach(
          (name, person) ->
              errors.put(
                  name, pages.getString("find { it.person == '" + person + "' }.lastError")));
      long written = receivers.get(2).bytesWritten();
      System.out.printf(
          "paging hostile receivers: %s; first attempts of all in %d ms; 1 GiB body: %d KiB"
              + " written; heap after GC %+d MiB; threads %d -> peak %d%n",
          errors,
          elapsedMs,
          written >> 10,
          (after.heapUsedBytes() - before.heapUsedBytes()) >> 20,
          before.threads(),
          peakThreads[0]);
      assertThat(errors)
          .containsEntry("NEVER_ANSWERS", "timed out")
          .containsEntry("HUGE_BODY", "HTTP 5xx")
          .containsEntry("REDIRECT", "HTTP 3xx redirect (redirects are not followed)")
          .containsEntry("REFUSED AT SEND", "refused by the outbound guard (loopback)");
      // A loaded machine's first TLS set-up in the client can outlast the test's 2 s deadline:
      // either way the reason is coarse (OutboundHttpTest pins the handshake failure itself).
      assertThat(errors.get("TLS_GARBAGE")).isIn("connection failed", "timed out");
      assertThat(target.connections()).as("the redirect's target is never contacted").isZero();
      assertThat(written).isLessThan(64L << 20);
      assertThat(after.heapUsedBytes() - before.heapUsedBytes()).isLessThan(256L << 20);
      assertThat(peakThreads[0] - before.threads()).isLessThanOrEqualTo(25);
    } finally {
      try (Connection c = db.getConnection()) {
        // Resolved: the scheduler cancels what is still pending instead of retrying it.
        c.createStatement()
            .execute(
                "update alert_group set status = 'resolved', resolved_at = now() where id = '"
                    + group
                    + "'");
      }
      for (HostileReceiver r : receivers) {
        r.close();
      }
    }
  }

  private static ValidatableResponse putPerson(String id, String url) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"Hostile test\",\"webhookUrl\":\"" + url + "\"}")
        .put("/v1/people/{id}", id)
        .then();
  }

  private static void pendingPage(Connection c, UUID group, int level, String person)
      throws Exception {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into page (id, alert_group_id, domain, level, round, person, severity,"
                + " summary, status, deliver_at, created_at) values (?, ?, 'unrouted', ?, 1, ?,"
                + " 'critical', 'Hostile receivers', 'pending', now(), now())")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setObject(2, group);
      insert.setInt(3, level);
      insert.setString(4, person);
      insert.executeUpdate();
    }
  }

  private static JsonPath pages(UUID group) {
    return given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("alertGroupId", group.toString())
        .get("/v1/pages")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
