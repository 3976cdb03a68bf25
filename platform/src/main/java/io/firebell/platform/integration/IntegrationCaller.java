package io.firebell.platform.integration;

import io.firebell.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import java.util.UUID;

/**
 * The integration behind the current request, when it authenticated with an integration token.
 *
 * @param kind what the integration is (alertmanager, change_source…)
 */
public record IntegrationCaller(UUID id, String name, IntegrationKind kind) {

  static final String ID = "firebell.integration.id";
  static final String NAME = "firebell.integration.name";
  static final String KIND = "firebell.integration.kind";

  /** The integration of this identity, or null for a person. */
  public static IntegrationCaller of(SecurityIdentity identity) {
    UUID id = identity.getAttribute(ID);
    if (id == null) {
      return null;
    }
    return new IntegrationCaller(id, identity.getAttribute(NAME), identity.getAttribute(KIND));
  }

  /** Fails with 403 unless the caller's kind is one of {@code allowed}: tokens are scoped. */
  public IntegrationCaller requireKind(Set<IntegrationKind> allowed) {
    if (!allowed.contains(kind)) {
      throw ProblemException.forbidden(
          "integration '"
              + name
              + "' is a "
              + kind.wireName()
              + " integration; this endpoint takes "
              + allowed.stream().map(IntegrationKind::wireName).sorted().toList());
    }
    return this;
  }
}
