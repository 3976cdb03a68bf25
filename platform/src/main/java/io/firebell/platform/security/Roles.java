package io.firebell.platform.security;

/**
 * The roles people hold (from the {@code groups} claim of their JWT) and the integrations' role.
 */
public final class Roles {

  public static final String VIEWER = "viewer";
  public static final String RESPONDER = "responder";
  public static final String COMMUNICATOR = "communicator";
  public static final String REVIEWER = "reviewer";
  public static final String ADMIN = "admin";

  /** Held by monitoring tools, CI/CD and the CS desk authenticated by an integration token. */
  public static final String INTEGRATION = "integration";

  private Roles() {}
}
