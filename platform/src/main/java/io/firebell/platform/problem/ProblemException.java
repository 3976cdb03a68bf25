package io.firebell.platform.problem;

import java.util.List;

/**
 * A request that cannot be honoured, answered as problem+json with its status. Use the factory
 * methods; they keep the vocabulary of problem types small and consistent across services.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final List<Problem.FieldError> errors;
  private final Integer retryAfterSeconds;

  public ProblemException(
      int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
    this(status, slug, title, detail, errors, null);
  }

  private ProblemException(
      int status,
      String slug,
      String title,
      String detail,
      List<Problem.FieldError> errors,
      Integer retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "bad-request", "Bad request", detail, null);
  }

  public static ProblemException invalid(String field, String message) {
    return new ProblemException(
        400,
        "validation",
        "Invalid request",
        field + ": " + message,
        List.of(new Problem.FieldError(field, message)));
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(
        404, "not-found", "Not found", what + " " + id + " does not exist", null);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail, null);
  }

  public static ProblemException preconditionFailed(String detail) {
    return new ProblemException(412, "precondition-failed", "Precondition failed", detail, null);
  }

  public static ProblemException unprocessable(String detail) {
    return new ProblemException(422, "unprocessable", "Unprocessable request", detail, null);
  }

  /** The caller is known but may not do this; {@code reason} says why. */
  public static ProblemException forbidden(String reason) {
    return new ProblemException(403, "forbidden", "Forbidden", reason, null);
  }

  /**
   * 503: a dependency (the broker, the database) is unavailable and nothing was done; the answer
   * carries {@code Retry-After: retryAfterSeconds}.
   */
  public static ProblemException unavailable(String slug, String detail, int retryAfterSeconds) {
    return new ProblemException(503, slug, "Service unavailable", detail, null, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  /** The {@code Retry-After} of the answer in seconds, or null for none. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Problem toProblem(String instance) {
    return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance, errors);
  }
}
