package io.firebell.console.web;

import io.firebell.console.backend.ServiceProblem;
import io.firebell.contracts.StorableText;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses, with a 400 page, a path, query or form field that does not decode to text the console
 * and the services can store ({@link StorableText}: no NUL, no unpaired surrogate, UTF-8 only),
 * before any page or form handler sees it: the accounts table, for one, cannot store such text
 * (issue 19, item 12; ADR 0040).
 */
public class InputScreen {

  @ServerRequestFilter(priority = 500)
  @WithFormRead
  public void screen(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
    String query = rc.request().query();
    String problem = StorableText.undecodable(rc.request().path(), false);
    if (problem == null && query != null) {
      problem = StorableText.undecodable(query, true);
    }
    if (problem == null) {
      problem = formProblem(request);
    }
    if (problem != null) {
      throw new ServiceProblem(
          400,
          "Not understood",
          "Part of the address or a field has characters Firebell cannot keep: " + problem + ".",
          Map.of());
    }
  }

  private static String formProblem(ResteasyReactiveContainerRequestContext request) {
    FormData form =
        ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormData();
    if (form == null) {
      return null;
    }
    for (String name : form) {
      String problem = StorableText.problem(name);
      if (problem != null) {
        return "a field name " + problem;
      }
      for (FormValue value : form.get(name)) {
        problem = value.isFileItem() ? null : StorableText.problem(value.getValue());
        if (problem != null) {
          return name + " " + problem;
        }
      }
    }
    return null;
  }
}
