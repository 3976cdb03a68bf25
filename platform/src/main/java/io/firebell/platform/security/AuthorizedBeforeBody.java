package io.firebell.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method whose authorization depends on stored data (e.g. "a reviewer or the incident's
 * commander") as well as on its {@code @RolesAllowed}: the named {@link DataAuthorization} decides
 * after the roles are checked and before the body is read or validated, so a caller who may not
 * make the request gets 403 whatever the body says (ADR 0041).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuthorizedBeforeBody {

  /** The CDI bean that decides. */
  Class<? extends DataAuthorization> value();
}
