package io.firebell.console.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A local account: a person who signs in to the console with a username and password. */
public record Account(
    UUID id,
    String username,
    String displayName,
    List<String> roles,
    boolean disabled,
    int failedAttempts,
    Instant lockedUntil,
    Instant createdAt) {

  public boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }
}
