package io.firebell.platform.events;

/** A record that is not a readable Firebell CloudEvent; retrying it cannot help. */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message) {
    super(message);
  }
}
