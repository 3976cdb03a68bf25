package io.firebell.platform.integration;

import io.firebell.platform.security.IntegrationTokens;
import io.firebell.platform.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks a presented integration token up by its hash in this service's own database. */
@ApplicationScoped
public class IntegrationIdentityProvider implements IdentityProvider<IntegrationTokenRequest> {

  private final Pool pool;

  public IntegrationIdentityProvider(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Class<IntegrationTokenRequest> getRequestType() {
    return IntegrationTokenRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      IntegrationTokenRequest request, AuthenticationRequestContext context) {
    return pool.preparedQuery("select id, name, kind from integration where token_hash = $1")
        .execute(Tuple.of(IntegrationTokens.hash(request.token())))
        .map(
            rows -> {
              RowIterator<Row> it = rows.iterator();
              if (!it.hasNext()) {
                throw new AuthenticationFailedException("unknown integration token");
              }
              Row row = it.next();
              return QuarkusSecurityIdentity.builder()
                  .setPrincipal(new QuarkusPrincipal("integration:" + row.getString("name")))
                  .addRole(Roles.INTEGRATION)
                  .addAttribute(IntegrationCaller.ID, row.getUUID("id"))
                  .addAttribute(IntegrationCaller.NAME, row.getString("name"))
                  .addAttribute(
                      IntegrationCaller.KIND, IntegrationKind.fromWire(row.getString("kind")))
                  .build();
            });
  }
}
