package io.firebell.platform.problem;

import io.vertx.sqlclient.DatabaseException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.hibernate.exception.LockAcquisitionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the database refused because of what a request asked, answered for every service in one
 * place (ADR 0040): two writers changed the same row (optimistic lock: 412, so the client re-reads
 * and re-applies), two writers created the same unique key or one removed what the other refers to
 * (409), two transactions could not be serialised or deadlocked (409, safe to retry), and a value
 * the column cannot hold (400). Anything else the database says stays an internal error.
 */
public class ConflictProblems {

  private final ProblemMappers fallback = new ProblemMappers();

  @ServerExceptionMapper
  public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
    return stale(uri);
  }

  @ServerExceptionMapper
  public Response staleState(StaleStateException e, UriInfo uri) {
    return stale(uri);
  }

  @ServerExceptionMapper
  public Response constraint(ConstraintViolationException e, UriInfo uri) {
    return bySqlState(e, uri);
  }

  @ServerExceptionMapper
  public Response lock(LockAcquisitionException e, UriInfo uri) {
    return bySqlState(e, uri);
  }

  @ServerExceptionMapper
  public Response data(DataException e, UriInfo uri) {
    return bySqlState(e, uri);
  }

  /** Native SQL on the reactive pool reports PostgreSQL's error unconverted. */
  @ServerExceptionMapper
  public Response database(DatabaseException e, UriInfo uri) {
    return bySqlState(e, uri);
  }

  private Response bySqlState(Throwable e, UriInfo uri) {
    ProblemException problem = problemFor(sqlState(e));
    if (problem == null) {
      return fallback.internal(e, uri);
    }
    return ProblemMappers.respond(problem.toProblem(uri == null ? null : uri.getPath()));
  }

  /** The answer to a PostgreSQL error code, or null when it is not the request's doing. */
  static ProblemException problemFor(String sqlState) {
    if (sqlState == null) {
      return null;
    }
    return switch (sqlState) {
      case "23505" ->
          ProblemException.conflict(
              "it already exists: someone created the same thing at the same moment; GET it"
                  + " instead");
      case "23503" ->
          ProblemException.conflict(
              "what it refers to was removed, or something still refers to it, at the same"
                  + " moment; GET it again");
      case "40001", "40P01" ->
          ProblemException.conflict(
              "a concurrent change to the same data got in the way; send the request again");
      case "22001" -> ProblemException.badRequest("a value is longer than can be stored");
      case "22021", "22P05" ->
          ProblemException.badRequest("a value contains text that cannot be stored (NUL)");
      default -> null;
    };
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseException db && db.getSqlState() != null) {
        return db.getSqlState();
      }
      if (t instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
        return jdbc.getSQLState();
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private static Response stale(UriInfo uri) {
    ProblemException p =
        ProblemException.preconditionFailed(
            "someone else changed this at the same moment; GET it again and re-apply your change");
    return ProblemMappers.respond(p.toProblem(uri == null ? null : uri.getPath()));
  }
}
