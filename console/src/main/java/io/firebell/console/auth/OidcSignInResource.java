package io.firebell.console.auth;

import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Signing in through the company's identity provider (OpenID Connect, authorization-code flow): the
 * provider sends the person back here signed in, and on to the incidents. Only answers when {@code
 * FIREBELL_CONSOLE_OIDC_ENABLED=true} (docs/console.md).
 */
@Path("/oidc/sign-in")
public class OidcSignInResource {

  @GET
  @Authenticated
  @AuthorizationCodeFlow
  public Response signedIn() {
    return Response.seeOther(URI.create("/incidents")).build();
  }
}
