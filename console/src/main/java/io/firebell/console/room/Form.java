package io.firebell.console.room;

import io.quarkus.qute.TemplateData;
import java.util.Map;

/**
 * The one form of the room that was just refused, if any: its name (e.g. {@code severity}, {@code
 * role-commander}, {@code action-<id>}), what the person typed, the service's words and what it
 * said about each field. Every other form renders empty.
 */
@TemplateData
public record Form(
    String name, Map<String, String> typed, Map<String, String> errors, String problem) {

  static final Form NONE = new Form("", Map.of(), Map.of(), null);

  public boolean is(String form) {
    return name.equals(form);
  }

  /** What the person typed into {@code field} of {@code form}, or empty. */
  public String value(String form, String field) {
    String v = is(form) ? typed.get(field) : null;
    return v == null ? "" : v;
  }

  /** What the person typed, when {@code form} was refused; else {@code current} (what is saved). */
  public String valueOr(String form, String field, Object current) {
    if (is(form)) {
      return value(form, field);
    }
    return current == null ? "" : current.toString();
  }

  /** What the service said about {@code field} of {@code form}, or null. */
  public String error(String form, String field) {
    return is(form) ? errors.get(field) : null;
  }

  /**
   * What the service said about the evidence kept on {@code form}: the whole of it ({@code
   * evidence}: none given) or a part ({@code evidence.reference} blank, {@code evidence.kind} not
   * one of the kinds), or null.
   */
  public String evidenceError(String form) {
    if (!is(form)) {
      return null;
    }
    for (String field : new String[] {"evidence", "evidence.reference", "evidence.kind"}) {
      if (errors.get(field) != null) {
        return errors.get(field);
      }
    }
    return null;
  }

  /** The service's words about {@code form}, or null. */
  public String problemOf(String form) {
    return is(form) ? problem : null;
  }
}
