package io.firebell.detection.rest;

import io.firebell.detection.model.Inquiry;
import io.firebell.detection.service.InquiryService;
import io.firebell.platform.integration.IntegrationCaller;
import io.firebell.platform.integration.IntegrationKind;
import io.firebell.platform.openapi.CallersOpenApiFilter;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The CS desk reports customer inquiries ({@code responder} or a {@code cs_desk} token). */
@Path("/v1/inquiries")
@Tag(name = "CS inquiries")
public class InquiryResource {

  private final InquiryService inquiries;
  private final SecurityIdentity identity;
  private final Clock clock;

  public InquiryResource(InquiryService inquiries, SecurityIdentity identity, Clock clock) {
    this.inquiries = inquiries;
    this.identity = identity;
    this.clock = clock;
  }

  public record InquiryRequest(
      @NotBlank @Size(max = 50) @Pattern(regexp = "[a-z_]+", message = "e.g. phone, chat, email")
          String channel,
      @NotBlank @Size(max = 100) String service,
      @NotBlank @Size(max = 100) String category,
      @Size(max = 50) String appPlatform,
      @Size(max = 50) String appVersion,
      @NotBlank @Size(max = 10000) String text) {}

  public record InquiryView(
      UUID id,
      String channel,
      String service,
      String category,
      String appPlatform,
      String appVersion,
      String reportedBy,
      Instant receivedAt,
      UUID clusterId) {}

  @POST
  @RolesAllowed({Roles.RESPONDER, Roles.INTEGRATION})
  @Extension(
      name = CallersOpenApiFilter.INTEGRATION_KINDS,
      value = "[\"cs_desk\"]",
      parseValue = true)
  public Uni<RestResponse<InquiryView>> report(@Valid @NotNull InquiryRequest r) {
    IntegrationCaller caller = IntegrationCaller.of(identity);
    String by;
    if (caller != null) {
      caller.requireKind(Set.of(IntegrationKind.CS_DESK));
      by = "integration:" + caller.name();
    } else {
      by = identity.getPrincipal().getName();
    }
    Inquiry inquiry =
        Inquiry.create(
            r.channel(),
            r.service(),
            r.category(),
            blank(r.appPlatform()),
            blank(r.appVersion()),
            r.text(),
            by,
            Instant.now(clock));
    return inquiries
        .report(inquiry)
        .map(
            res -> {
              Inquiry i = res.inquiry();
              return RestResponse.status(
                  RestResponse.Status.CREATED,
                  new InquiryView(
                      i.getId(),
                      i.getChannel(),
                      i.getService(),
                      i.getCategory(),
                      i.getAppPlatform(),
                      i.getAppVersion(),
                      i.getReportedBy(),
                      i.getReceivedAt(),
                      res.clusterId()));
            });
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
