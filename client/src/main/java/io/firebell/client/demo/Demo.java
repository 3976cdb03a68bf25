package io.firebell.client.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.LocalCredentials;
import io.firebell.client.Receiver;
import io.firebell.client.StoryFailure;
import io.firebell.client.Suite;
import java.nio.file.Path;

/**
 * {@code ./firebell demo}: plays the incident story against the running local suite and prints what
 * happens and where to look. Reads the tokens {@code ./firebell up} wrote to {@code
 * .firebell/credentials.env}.
 */
public final class Demo {

  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    Suite suite;
    try {
      suite = Suite.fromLocalCredentials(root);
    } catch (StoryFailure e) {
      fail(e.getMessage());
      return;
    }
    Path work = root.resolve(".firebell/demo");
    Path log = work.resolve("receiver.log");
    System.out.println("Firebell demo: one incident, from the first alert to the review.\n");
    try (Receiver receiver = new Receiver(log)) {
      IncidentStory.Result r =
          new IncidentStory(suite, receiver, work, line -> System.out.println(line)).run();
      JsonNode t = r.metrics().path("total");
      System.out.printf(
          "12. Metrics, last 30 days: %s incidents; MTTD p50 %s s, MTTA p50 %s s, MTTR p50 %s s;"
              + " found by customers %.0f %%; action items done %.0f %%%n",
          t.path("count").asText("?"),
          t.path("mttd").path("p50").asText("?"),
          t.path("mtta").path("p50").asText("?"),
          t.path("mttr").path("p50").asText("?"),
          100 * t.path("foundByCustomersShare").asDouble(),
          100 * r.metrics().path("actionItemCompletionRate").asDouble());
      BusinessMetricStory.Result metric =
          new BusinessMetricStory(suite, receiver, line -> System.out.println(line)).run();
      System.out.printf(
          "%nDone in %.1f s. Time to announce (webhook accepted → fire alarm at the receiver):"
              + " %d ms.%n%n",
          r.elapsed().toMillis() / 1000.0, r.timeToAnnounce().toMillis());
      System.out.println("Where to look:");
      System.out.println("  status page      " + suite.broadcast() + "/status");
      System.out.println(
          "  incident         " + suite.incident() + "/v1/incidents/" + r.incidentId());
      System.out.println(
          "  report           " + suite.review() + "/reports/" + r.incidentId() + "  (JWT)");
      System.out.println("  dashboard        " + suite.review() + "/dashboard  (JWT)");
      System.out.println("  review invite    " + root.relativize(r.calendarFile()));
      System.out.println(
          "  business metric  "
              + suite.incident()
              + "/v1/incidents/"
              + metric.incidentId()
              + "  ("
              + metric.reference()
              + ", found by a business-metric watch)");
      System.out.println(
          "  receiver log     "
              + root.relativize(log)
              + "  ("
              + receiver.received().size()
              + " messages: fire alarm, updates, pages)");
      System.out.println(
          "\n  (JWT) pages want a token: curl -H \"Authorization: Bearer $FIREBELL_TOKEN_VIEWER\""
              + " …, after: set -a; . .firebell/credentials.env; set +a");
      System.out.println("\nIn the console (a browser; the people's way in):");
      System.out.println(
          "  incident room    " + LocalCredentials.CONSOLE_URL + "/incidents/" + r.incidentId());
      System.out.println(
          "  report           "
              + LocalCredentials.CONSOLE_URL
              + "/incidents/"
              + r.incidentId()
              + "/report");
      System.out.println(
          "  sign in as       joon.kim (responder, communicator) or admin; passwords:"
              + " FIREBELL_CONSOLE_PASSWORD_JOON_KIM, FIREBELL_CONSOLE_PASSWORD_ADMIN in"
              + " .firebell/credentials.env");
    } catch (StoryFailure e) {
      fail(e.getMessage());
    }
  }

  private static void fail(String message) {
    System.err.println("demo: the story stopped: " + message);
    System.exit(1);
  }
}
