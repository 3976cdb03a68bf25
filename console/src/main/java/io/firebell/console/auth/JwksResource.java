package io.firebell.console.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** The console's public signing key, for the services (mp.jwt.verify.publickey.location). */
@Path("/.well-known/jwks.json")
public class JwksResource {

  @Inject ConsoleTokens tokens;

  @GET
  @PermitAll
  @Produces("application/jwk-set+json")
  public Response jwks() {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok(tokens.jwks()).cacheControl(cache).build();
  }
}
