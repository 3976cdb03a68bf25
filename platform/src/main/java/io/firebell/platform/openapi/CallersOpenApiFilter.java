package io.firebell.platform.openapi;

import io.firebell.platform.security.ImpliedRolesAugmentor;
import io.firebell.platform.security.Roles;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Says in each operation who may call it: {@code x-firebell-roles} lists every role whose holder
 * passes the operation's {@code @RolesAllowed}, implied roles included (Quarkus documents only the
 * roles the annotation names, as the operation's security requirement; an admin or a responder
 * holding a viewer's rights is {@link ImpliedRolesAugmentor}'s rule). An operation without a
 * security requirement is public. Operations that take integration tokens of some kinds only say
 * which in their own {@code x-firebell-integration-kinds} extension; without it every kind may
 * call. The authorization matrix of the system tests checks every operation against this.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class CallersOpenApiFilter implements OASFilter {

  /** The extension listing the roles that may call an operation. */
  public static final String ROLES = "x-firebell-roles";

  /**
   * The extension an operation that takes integration tokens of some kinds only carries (a JSON
   * array of kinds' wire names, e.g. {@code ["alertmanager"]}), next to the check that enforces it.
   */
  public static final String INTEGRATION_KINDS = "x-firebell-integration-kinds";

  private static final List<String> CALLER_ROLES =
      List.of(
          Roles.VIEWER,
          Roles.RESPONDER,
          Roles.COMMUNICATOR,
          Roles.REVIEWER,
          Roles.ADMIN,
          Roles.INTEGRATION);

  @Override
  public Operation filterOperation(Operation operation) {
    List<SecurityRequirement> security = operation.getSecurity();
    if (security == null || security.isEmpty()) {
      return operation;
    }
    Set<String> required = new LinkedHashSet<>();
    for (SecurityRequirement requirement : security) {
      if (requirement.getSchemes() != null) {
        requirement.getSchemes().values().forEach(required::addAll);
      }
    }
    List<String> callers =
        CALLER_ROLES.stream()
            .filter(role -> ImpliedRolesAugmentor.held(role).stream().anyMatch(required::contains))
            .toList();
    operation.addExtension(ROLES, callers);
    return operation;
  }
}
