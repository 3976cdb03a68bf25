package io.firebell.platform.problem;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.Set;

/**
 * Recognises a failure that means the database cannot be reached right now (refused or cut
 * connections, a database that does not accept connections, a server shutting down), which a
 * request answers with 503 and {@code Retry-After} rather than 500: nothing was done, and the same
 * request succeeds once the database is back.
 */
final class DatabaseUnavailable {

  static final int RETRY_AFTER_SECONDS = 2;

  /**
   * SQLSTATEs of a server that cannot serve this session: too many connections (53300), database
   * not accepting connections (55000), administrator or crash shutdown and cannot connect now
   * (57P01-57P03); class 08 (connection exception) is matched by its prefix.
   */
  private static final Set<String> STATES = Set.of("53300", "55000", "57P01", "57P02", "57P03");

  private DatabaseUnavailable() {}

  static boolean causedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
        return true;
      }
      if (t instanceof PgException pg
          && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || STATES.contains(pg.getSqlState()))) {
        return true;
      }
    }
    return false;
  }

  static ProblemException problem() {
    return ProblemException.unavailable(
        "database-unavailable",
        "the database is unavailable; nothing was changed, retry later",
        RETRY_AFTER_SECONDS);
  }
}
