package io.firebell.platform.security;

import io.firebell.platform.problem.Problem;
import io.firebell.platform.problem.ProblemException;
import io.quarkus.arc.All;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Runs the {@link DataAuthorization} of a method marked {@link AuthorizedBeforeBody}. Request
 * filters run after the role checks of {@code @RolesAllowed} and before the body is read, so the
 * order is: authenticated (401), roles (403), this (403), then the body (400/413/415/422).
 */
public class AuthorizationBeforeBodyFilter {

  private final CurrentIdentityAssociation identity;
  private final List<DataAuthorization> rules;
  private final Map<String, Optional<AuthorizedBeforeBody>> marks = new ConcurrentHashMap<>();

  /** Every rule is injected, so that none is removed as unused (they are looked up by class). */
  public AuthorizationBeforeBodyFilter(
      CurrentIdentityAssociation identity, @All List<DataAuthorization> rules) {
    this.identity = identity;
    this.rules = rules;
  }

  @ServerRequestFilter
  public Uni<Response> authorize(SimpleResourceInfo resource, UriInfo uri) {
    AuthorizedBeforeBody mark = mark(resource);
    if (mark == null) {
      return Uni.createFrom().nullItem();
    }
    DataAuthorization decision =
        rules.stream()
            .filter(mark.value()::isInstance)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no bean " + mark.value().getName()));
    return identity
        .getDeferredIdentity()
        .chain(
            caller ->
                caller.isAnonymous()
                    ? Uni.createFrom().voidItem()
                    : decision.authorize(caller, uri.getPathParameters()))
        .replaceWith((Response) null)
        .onFailure(ProblemException.class)
        .recoverWithItem(
            e ->
                Response.status(((ProblemException) e).status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(((ProblemException) e).toProblem(uri.getPath()))
                    .build());
  }

  private AuthorizedBeforeBody mark(SimpleResourceInfo resource) {
    if (resource == null || resource.getResourceClass() == null) {
      return null;
    }
    String key =
        resource.getResourceClass().getName()
            + "#"
            + resource.getMethodName()
            + Arrays.toString(resource.parameterTypes());
    return marks.computeIfAbsent(key, k -> Optional.ofNullable(find(resource))).orElse(null);
  }

  private static AuthorizedBeforeBody find(SimpleResourceInfo resource) {
    try {
      Method method =
          resource
              .getResourceClass()
              .getMethod(resource.getMethodName(), resource.parameterTypes());
      return method.getAnnotation(AuthorizedBeforeBody.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
