package io.firebell.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.firebell.platform.json.MergePatch;
import io.firebell.platform.json.StorableStrings;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become answers: RFC 9457 problem+json, never a stack trace or a
 * class name. Authentication failures are 401 with a {@code WWW-Authenticate} challenge;
 * authorisation failures are 403.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response response = respond(e.toProblem(path(uri)));
    if (e.retryAfterSeconds() != null) {
      response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
    }
    return response;
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(field(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    String detail =
        errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    return respond(
        new Problem(
            Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path(uri), errors));
  }

  @ServerExceptionMapper(priority = 1)
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    if (e instanceof StorableStrings.UnstorableTextException unstorable) {
      return unstorableText(unstorable, uri);
    }
    if (e instanceof UnrecognizedPropertyException unknown
        && MergePatch.class.isAssignableFrom(unknown.getReferringClass())) {
      return problem(unchangeable(unknown), uri);
    }
    String field = jsonPath(e);
    if (field.isEmpty()
        && e.getTargetType() != null
        && MergePatch.class.isAssignableFrom(e.getTargetType())) {
      return problem(
          ProblemException.badRequest("the body must be a JSON object of fields to change"), uri);
    }
    String detail =
        field.isEmpty()
            ? "the request body does not have the expected shape"
            : field + " has the wrong type or format";
    List<Problem.FieldError> errors =
        field.isEmpty() ? null : List.of(new Problem.FieldError(field, "wrong type or format"));
    return respond(
        new Problem(
            Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path(uri), errors));
  }

  /** A string PostgreSQL cannot store (NUL, unpaired surrogate): 400 naming the field. */
  private Response unstorableText(StorableStrings.UnstorableTextException e, UriInfo uri) {
    String field = jsonPath(e);
    if (field.isEmpty()) {
      return problem(ProblemException.badRequest("the body " + e.reason()), uri);
    }
    return problem(ProblemException.invalid(field, e.reason()), uri);
  }

  @ServerExceptionMapper(priority = 1)
  public Response malformedJson(JsonProcessingException e, UriInfo uri) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return respond(
        new Problem(
            Problem.TYPE_BASE + "malformed-json",
            "Malformed JSON",
            400,
            "the request body is not valid JSON" + where,
            path(uri),
            null));
  }

  @ServerExceptionMapper
  public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
    return unauthorized(uri);
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
    // An integration token is looked up in the database: an outage is not a bad token.
    if (DatabaseUnavailable.causedBy(e)) {
      return problem(DatabaseUnavailable.problem(), uri);
    }
    return unauthorized(uri);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    String detail =
        e.getMessage() == null || e.getMessage().isBlank()
            ? "your roles do not allow this"
            : e.getMessage();
    return respond(
        new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403, detail, path(uri), null));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    // Quarkus REST wraps a body that does not parse in a plain 400.
    if (e.getCause() instanceof MismatchedInputException mismatched) {
      return mismatchedInput(mismatched, uri);
    }
    if (e.getCause() instanceof JsonProcessingException malformed) {
      return malformedJson(malformed, uri);
    }
    if (status == 400 && e.getCause() == null) {
      return respond(
          new Problem(
              Problem.TYPE_BASE + "malformed-request",
              "Bad request",
              400,
              "the request could not be read (malformed body or parameter)",
              path(uri),
              null));
    }
    if (status >= 500) {
      return internal(e, uri);
    }
    String title =
        Response.Status.fromStatusCode(status) == null
            ? "Error"
            : Response.Status.fromStatusCode(status).getReasonPhrase();
    String detail = status == 404 ? "no such resource" : title;
    return respond(
        new Problem(Problem.TYPE_BASE + slug(title), title, status, detail, path(uri), null));
  }

  @ServerExceptionMapper
  public Response internal(Throwable e, UriInfo uri) {
    if (DatabaseUnavailable.causedBy(e)) {
      LOG.warnf("database unavailable on %s: %s", path(uri), e.toString());
      return problem(DatabaseUnavailable.problem(), uri);
    }
    String incident = UUID.randomUUID().toString();
    LOG.errorf(e, "unhandled error %s on %s", incident, path(uri));
    return respond(
        new Problem(
            Problem.TYPE_BASE + "internal",
            "Internal error",
            500,
            "an unexpected error occurred (error id " + incident + ")",
            path(uri),
            null));
  }

  private static Response unauthorized(UriInfo uri) {
    return Response.status(401)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem(
                Problem.TYPE_BASE + "unauthenticated",
                "Unauthenticated",
                401,
                "a valid bearer token is required",
                path(uri),
                null))
        .build();
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getPath();
  }

  private static String slug(String title) {
    return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
  }

  /** {@code declare.arg0.title} becomes {@code title}: clients know fields, not Java parameters. */
  private static String field(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    String[] parts = path.split("\\.");
    int start = parts.length > 2 ? 2 : parts.length - 1;
    return String.join(".", java.util.Arrays.copyOfRange(parts, Math.max(start, 0), parts.length));
  }

  /** A field a merge patch does not know: read-only (and changed elsewhere), or no field at all. */
  private static ProblemException unchangeable(UnrecognizedPropertyException e) {
    String field = e.getPropertyName();
    for (MergePatch.ReadOnly readOnly :
        e.getReferringClass().getAnnotationsByType(MergePatch.ReadOnly.class)) {
      if (readOnly.field().equals(field)) {
        return ProblemException.invalid(field, readOnly.hint());
      }
    }
    List<String> fields =
        e.getKnownPropertyIds() == null
            ? List.of()
            : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    return ProblemException.invalid(field, "is not a field that can be changed; fields: " + fields);
  }

  private static String jsonPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
