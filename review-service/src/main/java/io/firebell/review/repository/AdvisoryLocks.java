package io.firebell.review.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** PostgreSQL advisory locks held until the current transaction ends. */
public final class AdvisoryLocks {

  private AdvisoryLocks() {}

  /** Waits for, then holds, the transaction-scoped lock named {@code key}. */
  public static Uni<Void> hold(String key) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                    .setParameter("key", key)
                    .getSingleResult())
        .replaceWithVoid();
  }
}
