package io.firebell.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What PostgreSQL's autovacuum would do between two scenarios, when the server runs without it
 * (this project's CI machines set {@code autovacuum = off}): a scenario that churns a table (the
 * fan-out creates and deletes 10,000 endpoints and their deliveries) must not leave the next one
 * scanning its dead rows. A no-op on a server with autovacuum.
 */
final class Housekeeping {

  private static final List<String> DATABASES =
      List.of(
          "firebell_detection",
          "firebell_incident",
          "firebell_broadcast",
          "firebell_review",
          "firebell_console");

  private Housekeeping() {}

  /** Vacuums the suite's databases if autovacuum is off; returns what it did, for the log. */
  static String vacuumIfNoAutovacuum() {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show autovacuum")) {
      rs.next();
      if (!"off".equals(rs.getString(1))) {
        return "autovacuum is on";
      }
    } catch (SQLException e) {
      return "not checked: " + e.getMessage();
    }
    long start = System.nanoTime();
    for (String db : DATABASES) {
      try (Connection c = connect(db);
          Statement s = c.createStatement()) {
        s.execute("VACUUM (ANALYZE)");
      } catch (SQLException e) {
        return "VACUUM of " + db + " failed: " + e.getMessage();
      }
    }
    return String.format(
        "autovacuum is off: vacuumed the suite's databases in %d ms",
        (System.nanoTime() - start) / 1_000_000);
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
  }
}
