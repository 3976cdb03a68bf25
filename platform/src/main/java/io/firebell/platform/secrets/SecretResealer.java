package io.firebell.platform.secrets;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * At start, seals every value of the service's secret columns ({@code
 * firebell.secrets.sealed-columns}, {@code table.column} entries of tables keyed by {@code id})
 * that is not sealed with the current key yet: plaintext written before encryption at rest, and
 * values sealed with an older key after a rotation. Each row is updated only if it still holds what
 * was read, so replicas starting together do not undo each other. A service with sealed columns
 * also fails to start without a key, rather than on its first webhook.
 */
@ApplicationScoped
public class SecretResealer {

  private static final Logger LOG = Logger.getLogger(SecretResealer.class);
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final int BATCH = 500;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Optional<List<String>> columns;
  private final Instance<SecretBox> box;
  private final Pool pool;

  public SecretResealer(
      @ConfigProperty(name = "firebell.secrets.sealed-columns") Optional<List<String>> columns,
      Instance<SecretBox> box,
      Pool pool) {
    this.columns = columns;
    this.box = box;
    this.pool = pool;
  }

  void onStart(@Observes StartupEvent event) {
    List<String> sealed = columns.orElse(List.of());
    if (sealed.isEmpty()) {
      return;
    }
    SecretBox secrets = box.get();
    for (String column : sealed) {
      String[] parts = column.trim().split("\\.");
      if (parts.length != 2
          || !IDENTIFIER.matcher(parts[0]).matches()
          || !IDENTIFIER.matcher(parts[1]).matches()) {
        throw new IllegalStateException(
            "firebell.secrets.sealed-columns: '" + column + "' is not table.column");
      }
      int count = reseal(secrets, parts[0], parts[1]);
      if (count > 0) {
        LOG.infof("sealed %d value(s) of %s with key %s", count, column, secrets.currentKeyId());
      }
    }
  }

  /** Seals the column's values not sealed with the current key; returns how many it changed. */
  public int reseal(SecretBox secrets, String table, String column) {
    String select =
        "select id, "
            + column
            + " as value from "
            + table
            + " where "
            + column
            + " is not null and "
            + column
            + " not like $1 limit "
            + BATCH;
    String update =
        "update " + table + " set " + column + " = $1 where id = $2 and " + column + " = $3";
    String current = SecretBox.PREFIX + secrets.currentKeyId() + ":%";
    int total = 0;
    while (true) {
      RowSet<Row> rows =
          pool.preparedQuery(select).execute(Tuple.of(current)).await().atMost(TIMEOUT);
      if (rows.size() == 0) {
        return total;
      }
      for (Row row : rows) {
        String old = row.getString("value");
        pool.preparedQuery(update)
            .execute(Tuple.of(secrets.seal(secrets.open(old)), row.getValue("id"), old))
            .await()
            .atMost(TIMEOUT);
        total++;
      }
    }
  }
}
