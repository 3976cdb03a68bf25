package io.firebell.platform.testing;

import static io.restassured.RestAssured.given;

import io.firebell.contracts.EventType;
import io.firebell.contracts.Fixtures;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import javax.sql.DataSource;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records a consumer cannot apply, for the "poison record on each topic" tests, and what the
 * consumer's service then shows through {@code /v1/admin/parked-events}.
 */
public final class PoisonRecords {

  public static final String ADMIN = TestTokens.bearer("ada", "admin");

  /** firebell.inbox.max-attempts, as the services run in tests (the default). */
  public static final int MAX_ATTEMPTS = 5;

  private PoisonRecords() {}

  /** Bytes that are no CloudEvent at all (no headers, not JSON). */
  public static void sendGarbage(TestEventProducer producer, String topic, String key)
      throws Exception {
    producer.sendRaw(
        topic,
        key,
        ("\u0000\u00ff garbage " + UUID.randomUUID()).getBytes(StandardCharsets.ISO_8859_1),
        new RecordHeaders());
  }

  /**
   * Makes PostgreSQL refuse every insert or update of {@code table} rows matching {@code condition}
   * (an SQL expression on {@code new}) until closed (closing twice is harmless): a well-formed
   * event whose effect keeps failing, as it would on a constraint the event breaks.
   */
  public static AutoCloseable refuseWrites(DataSource db, String table, String condition)
      throws SQLException {
    String name = "firebell_test_refuse_" + UUID.randomUUID().toString().replace("-", "");
    Sql.execute(
        db,
        "create function "
            + name
            + "() returns trigger language plpgsql as $$ begin raise exception"
            + " 'refused by the test: %', TG_TABLE_NAME; end $$");
    Sql.execute(
        db,
        "create trigger "
            + name
            + " before insert or update on "
            + table
            + " for each row when ("
            + condition
            + ") execute function "
            + name
            + "()");
    return () -> {
      Sql.execute(db, "drop trigger if exists " + name + " on " + table);
      Sql.execute(db, "drop function if exists " + name + "()");
    };
  }

  /**
   * The fault scenario "poison record on a topic": on one key of {@code topic} (so one partition,
   * in this order; the events go there whatever their type's topic) it puts garbage bytes, an event
   * whose effect the database refuses (see {@link #refuseWrites}), and a good event; then checks
   * that the good event is applied (the partition kept flowing) and that both poison records are
   * parked and visible through the admin API.
   *
   * @param refused the event whose effect fails, as (type, id, json)
   * @param good the event after it, as (type, id, json)
   * @param goodApplied whether the good event's effect is there
   */
  public static void assertParkedAndFlowing(
      String consumer,
      String topic,
      String key,
      Event refused,
      Event good,
      Callable<Boolean> goodApplied)
      throws Exception {
    try (TestEventProducer producer = new TestEventProducer()) {
      sendGarbage(producer, topic, key);
      producer.sendTo(topic, refused.type(), refused.id(), key, refused.json(), null);
      producer.sendTo(topic, good.type(), good.id(), key, good.json(), null);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!goodApplied.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the good event behind the poison records was not applied");
      }
      Thread.sleep(100);
    }
    JsonPath garbage =
        awaitParked(
            consumer, withKey(key).and(p -> p.get("eventId") == null), Duration.ofSeconds(10));
    JsonPath poison = awaitParked(consumer, ofEvent(refused.id()), Duration.ofSeconds(10));
    if (!topic.equals(garbage.getString("topic"))
        || garbage.getInt("attempts") != 1
        || poison.getInt("attempts") != MAX_ATTEMPTS
        || poison.getLong("offset") <= garbage.getLong("offset")
        || !poison.getString("errorMessage").contains("refused by the test")) {
      throw new AssertionError(
          "parked records are not as expected: " + garbage.prettify() + poison.prettify());
    }
  }

  /**
   * The type's fixture with string fields replaced, e.g. {@code fixture(INCIDENT_DECLARED,
   * "incidentId", id, "title", "Orders are slow")}.
   */
  public static String fixture(EventType<?> type, String... fieldsAndValues) {
    String json = Fixtures.json(type);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      json =
          json.replaceAll(
              "\"" + fieldsAndValues[i] + "\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"",
              Matcher.quoteReplacement(
                  "\"" + fieldsAndValues[i] + "\":\"" + fieldsAndValues[i + 1] + "\""));
    }
    return json;
  }

  /** An event to send: its type, CloudEvent id and JSON data. */
  public record Event(EventType<?> type, UUID id, String json) {}

  /** The records {@code consumer} has parked, oldest first, through the admin API. */
  public static List<Map<String, Object>> parked(String consumer) {
    return given()
        .header("Authorization", ADMIN)
        .queryParam("consumer", consumer)
        .queryParam("limit", 200)
        .get("/v1/admin/parked-events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  /**
   * Waits until {@code consumer} has parked a record matching {@code match}; returns its detail.
   */
  public static JsonPath awaitParked(
      String consumer, Predicate<Map<String, Object>> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Map<String, Object> p : parked(consumer)) {
        if (match.test(p)) {
          return given()
              .header("Authorization", ADMIN)
              .get("/v1/admin/parked-events/{id}", p.get("id"))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(consumer + " parked no matching record within " + timeout);
      }
      Thread.sleep(200);
    }
  }

  /** A parked record whose record key is {@code key}. */
  public static Predicate<Map<String, Object>> withKey(String key) {
    return p -> key.equals(p.get("key"));
  }

  /** A parked record of the CloudEvent {@code eventId}. */
  public static Predicate<Map<String, Object>> ofEvent(UUID eventId) {
    return p -> eventId.toString().equals(p.get("eventId"));
  }
}
