package io.firebell.broadcast.rest;

import io.firebell.broadcast.model.GlossaryTerm;
import io.firebell.broadcast.service.GlossaryService;
import io.firebell.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/glossary")
@Tag(name = "Glossary")
public class GlossaryResource {

  private final GlossaryService glossary;

  public GlossaryResource(GlossaryService glossary) {
    this.glossary = glossary;
  }

  public record CreateTermRequest(
      @NotBlank @Size(max = 100) String term, @NotBlank @Size(max = 500) String suggestion) {}

  public record ChangeTermRequest(@NotBlank @Size(max = 500) String suggestion) {}

  public record TermView(String term, String suggestion, Instant updatedAt) {
    static TermView of(GlossaryTerm t) {
      return new TermView(t.term(), t.suggestion(), t.updatedAt());
    }
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "The glossary",
      description =
          "System terms the jargon check flags in service-register text, with the service"
              + " language to use instead.")
  public Uni<List<TermView>> list() {
    return glossary.list().map(l -> l.stream().map(TermView::of).toList());
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Add a term", description = "Terms are unique regardless of case (409).")
  public Uni<Response> create(@Valid @NotNull CreateTermRequest r) {
    return glossary
        .create(r.term().strip(), r.suggestion().strip())
        .map(t -> Response.status(201).entity(TermView.of(t)).build());
  }

  @PUT
  @Path("/{term}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Change a term's suggestion")
  public Uni<TermView> change(@PathParam("term") String term, @Valid @NotNull ChangeTermRequest r) {
    return glossary.change(term, r.suggestion().strip()).map(TermView::of);
  }

  @DELETE
  @Path("/{term}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove a term")
  public Uni<Response> delete(@PathParam("term") String term) {
    return glossary.delete(term).replaceWith(Response.noContent().build());
  }
}
