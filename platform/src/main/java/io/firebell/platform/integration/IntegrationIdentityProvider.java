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

/**
 * Looks a presented integration token up by its hash in this service's own database, or in the
 * short-lived {@link IntegrationTokenCache} when it was seen recently.
 */
@ApplicationScoped
public class IntegrationIdentityProvider implements IdentityProvider<IntegrationTokenRequest> {

  private final Pool pool;
  private final IntegrationTokenCache cache;

  public IntegrationIdentityProvider(Pool pool, IntegrationTokenCache cache) {
    this.pool = pool;
    this.cache = cache;
  }

  @Override
  public Class<IntegrationTokenRequest> getRequestType() {
    return IntegrationTokenRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      IntegrationTokenRequest request, AuthenticationRequestContext context) {
    String hash = IntegrationTokens.hash(request.token());
    IntegrationTokenCache.Entry cached = cache.get(hash);
    if (cached != null) {
      return Uni.createFrom().item(identity(cached));
    }
    return pool.preparedQuery("select id, name, kind from integration where token_hash = $1")
        .execute(Tuple.of(hash))
        .map(
            rows -> {
              RowIterator<Row> it = rows.iterator();
              if (!it.hasNext()) {
                throw new AuthenticationFailedException("unknown integration token");
              }
              Row row = it.next();
              IntegrationTokenCache.Entry entry =
                  new IntegrationTokenCache.Entry(
                      row.getUUID("id"),
                      row.getString("name"),
                      IntegrationKind.fromWire(row.getString("kind")));
              cache.put(hash, entry);
              return identity(entry);
            });
  }

  private static SecurityIdentity identity(IntegrationTokenCache.Entry e) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal("integration:" + e.name()))
        .addRole(Roles.INTEGRATION)
        .addAttribute(IntegrationCaller.ID, e.id())
        .addAttribute(IntegrationCaller.NAME, e.name())
        .addAttribute(IntegrationCaller.KIND, e.kind())
        .build();
  }
}
