package io.github.jitprovisioning.admin;

import io.github.jitprovisioning.core.members.MemberQuery;
import io.github.jitprovisioning.members.MemberDirectory;
import io.github.jitprovisioning.provisioning.KeycloakCompat;
import io.github.jitprovisioning.audit.PortalAudit;
import io.github.jitprovisioning.members.MemberRemoval;
import io.github.jitprovisioning.members.MemberSettings;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/realms/{realm}/jit/organizations/{orgId}/members}: the organization's members with their origin and
 * SSO sign-ins (docs/members.md), for realm admins with {@code view-organizations}.
 */
public final class MembersAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String organizationId;

    MembersAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                         AdminEventBuilder adminEvent, String organizationId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.organizationId = organizationId;
    }

    /**
     * Removes a member (see {@link MemberRemoval}): 204; 404 for a user who is no member of this organization; 409
     * {@code last_admin}, {@code member_of_another_organization} or {@code accounts_kept_by_realm}.
     */
    @DELETE
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("userId") String userId) {
        KeycloakCompat.requireManageOrganizations(auth);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations == null ? null : organizations.getById(organizationId);
        if (organization == null) {
            return json(Response.Status.NOT_FOUND, Map.of("error", "not_found", "message", "no such organization"));
        }
        MemberSettings settings = MemberSettings.of(realm, organization);
        MemberRemoval.Outcome outcome = new MemberRemoval(session, realm).remove(organization, userId,
                settings.adminGroup(session, organization), settings.options().deleteAccounts(), "admin");
        if (!outcome.removed()) {
            return switch (outcome.refusal()) {
                case NOT_A_MEMBER -> json(Response.Status.NOT_FOUND, Map.of("error", "not_found",
                        "message", "no such member of this organization"));
                case LAST_ADMIN -> json(Response.Status.CONFLICT, Map.of("error", "last_admin",
                        "message", "the last admin of the organization cannot be removed"));
                case MEMBER_OF_ANOTHER_ORGANIZATION -> json(Response.Status.CONFLICT, Map.of("error",
                        "member_of_another_organization", "message", "the managed account is used by another "
                                + "organization too; Keycloak would delete it with this membership"));
                case ACCOUNTS_KEPT_BY_REALM -> json(Response.Status.CONFLICT, Map.of("error", "accounts_kept_by_realm",
                        "message", "removing a managed member deletes the account, which this realm does not allow"));
            };
        }
        adminEvent.resource(ResourceType.ORGANIZATION_MEMBERSHIP).operation(OperationType.DELETE)
                .resourcePath("organizations", organization.getId(), "members", userId)
                .representation(outcome.done()).success();
        PortalAudit.afterCommit(session, realm.getName(), organization.getId(),
                "user:" + auth.adminAuth().getUser().getId(), "member.remove", outcome.done());
        return Response.noContent().build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("search") String search, @QueryParam("inactiveDays") String inactiveDays,
                         @QueryParam("first") String first, @QueryParam("max") String max) {
        KeycloakCompat.requireViewOrganizations(auth);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations == null ? null : organizations.getById(organizationId);
        if (organization == null) {
            return json(Response.Status.NOT_FOUND, Map.of("error", "not_found", "message", "no such organization"));
        }
        Optional<MemberQuery> query = MemberQuery.parse(search, inactiveDays, first, max);
        if (query.isEmpty()) {
            return json(Response.Status.BAD_REQUEST, Map.of("error", "invalid_request", "message", MemberQuery.RULES));
        }
        return json(Response.Status.OK, Map.of("members", new MemberDirectory(session, realm).list(organization, query.get())
                .stream().map(MemberDirectory.Member::toMap).toList()));
    }

    private static Response json(Response.Status status, Object body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
