package io.firebell.platform.testing;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Cuts the service under test off its database, as a failover or a restarted server would: the
 * database refuses new connections ({@code ALLOW_CONNECTIONS false}) and every session the service
 * holds is terminated ({@code pg_terminate_backend}). {@link #close()} lets it connect again. Run
 * as the {@code postgres} superuser from the {@code postgres} database.
 */
public final class DatabaseOutage implements AutoCloseable {

  private final String database;

  private DatabaseOutage(String database) {
    this.database = database;
  }

  /** Cuts the database of the running service ({@code firebell.db.name}) off. */
  public static DatabaseOutage start() throws Exception {
    DatabaseOutage outage =
        new DatabaseOutage(ConfigProvider.getConfig().getValue("firebell.db.name", String.class));
    outage.execute("alter database " + outage.database + " allow_connections false");
    outage.execute(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
            + outage.database
            + "' and pid <> pg_backend_pid()");
    return outage;
  }

  @Override
  public void close() throws Exception {
    execute("alter database " + database + " allow_connections true");
  }

  /**
   * Waits until {@code /q/health/ready} answers {@code status}; returns how long that took.
   *
   * @throws AssertionError when it does not within {@code timeout}
   */
  public static Duration awaitReadiness(int status, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    while (given().get("/q/health/ready").statusCode() != status) {
      if (System.nanoTime() - start > timeout.toNanos()) {
        throw new AssertionError("readiness did not answer " + status + " within " + timeout);
      }
      Thread.sleep(100);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private void execute(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
