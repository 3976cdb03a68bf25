package io.firebell.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer.
 *
 * @param type a URI naming the kind of problem
 * @param errors for validation problems: each invalid field and what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_BASE = "https://firebell.io/problems/";

  /** One invalid input field. */
  public record FieldError(String field, String message) {}
}
