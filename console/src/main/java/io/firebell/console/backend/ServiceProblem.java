package io.firebell.console.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service refused a request: its RFC 9457 problem (status, title, detail and, for invalid input,
 * what is wrong with each field), for the page to show next to the control it concerns.
 */
public class ServiceProblem extends RuntimeException {

  private final int status;
  private final String title;
  private final String detail;
  private final Map<String, String> fields;

  public ServiceProblem(int status, String title, String detail, Map<String, String> fields) {
    super(status + " " + title + (detail == null ? "" : ": " + detail));
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.fields = fields;
  }

  /** The problem in a service's answer (problem+json, or whatever else it sent). */
  public static ServiceProblem of(int status, JsonNode body, String raw) {
    Map<String, String> fields = new LinkedHashMap<>();
    body.path("errors")
        .forEach(
            e ->
                fields.merge(
                    e.path("field").asText(""), e.path("message").asText(), (a, b) -> a + " " + b));
    String title = body.path("title").asText(null);
    String detail = body.path("detail").asText(null);
    if (title == null) {
      title = status == 0 ? "The service did not answer" : "The service answered " + status;
      detail = detail == null && raw != null && !raw.isBlank() && raw.length() < 300 ? raw : detail;
    }
    return new ServiceProblem(status, title, detail, fields);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  /** Field → what is wrong with it (field names as the service's API spells them). */
  public Map<String, String> fields() {
    return fields;
  }

  /** The words for the person: the detail when there is one, else the title. */
  public String words() {
    return detail != null && !detail.isBlank() ? detail : title;
  }

  /** What a field's error says, or null. */
  public String field(String name) {
    return fields.get(name);
  }
}
