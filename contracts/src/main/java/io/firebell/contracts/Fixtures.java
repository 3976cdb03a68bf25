package io.firebell.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The committed JSON example of every event type, shipped in this jar at {@code
 * fixtures/<shortName>.json}. Producer tests compare what they publish with it; consumer tests feed
 * it to their consumers. The contracts module's own tests prove every fixture round-trips through
 * its record unchanged.
 */
public final class Fixtures {

  private Fixtures() {}

  /** The classpath resource name of the fixture, e.g. {@code fixtures/incident.declared.json}. */
  public static String resourceName(EventType<?> type) {
    return "fixtures/" + type.shortName() + ".json";
  }

  /** The fixture's JSON text. */
  public static String json(EventType<?> type) {
    String name = resourceName(type);
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture on the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + name, e);
    }
  }
}
