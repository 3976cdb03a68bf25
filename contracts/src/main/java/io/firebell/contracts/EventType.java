package io.firebell.contracts;

/**
 * One event type of the published language: its CloudEvents type name, the topic it travels on and
 * the record that is its data.
 *
 * @param name CloudEvents {@code type}, e.g. {@code io.firebell.incident.declared.v1}
 * @param topic the Kafka topic
 * @param dataClass the record carried as JSON data
 */
public record EventType<T extends FirebellEvent>(String name, String topic, Class<T> dataClass) {

  private static final String PREFIX = "io.firebell.";

  public EventType {
    if (!name.startsWith(PREFIX) || !name.endsWith(".v1")) {
      throw new IllegalArgumentException(
          "event type names look like io.firebell.<aggregate>.<event>.v1: " + name);
    }
  }

  /** The short name used for fixtures and docs, e.g. {@code incident.declared}. */
  public String shortName() {
    return name.substring(PREFIX.length(), name.length() - ".v1".length());
  }
}
