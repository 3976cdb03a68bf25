package io.firebell.platform.testing;

import static io.restassured.RestAssured.given;

import java.util.Arrays;

/** Reads the service's Prometheus metrics at {@code /q/metrics}. */
public final class Metrics {

  private Metrics() {}

  /** The sum of the series of {@code name} that carry every one of {@code labels}. */
  public static double sum(String name, String... labels) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf('}') + 1).trim().split(" ")[0]))
        .sum();
  }
}
