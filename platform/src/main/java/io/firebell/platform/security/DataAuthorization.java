package io.firebell.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * An authorization decision that needs stored data, made from the request's path alone (see {@link
 * AuthorizedBeforeBody}). Implementations are CDI beans; they run on the request's event loop
 * (reactive, e.g. {@code Panache.withSession}).
 */
public interface DataAuthorization {

  /**
   * Completes when {@code caller} may go on; fails with a {@code ProblemException} (403) when not.
   * When what the path names does not exist, it completes: the resource answers 404 as usual.
   */
  Uni<Void> authorize(SecurityIdentity caller, MultivaluedMap<String, String> pathParameters);
}
