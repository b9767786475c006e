package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.portal.PortalAccess;
import io.github.jitprovisioning.core.portal.PortalInput;
import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.provisioning.OrganizationRowLock;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code .../admins}: the members of the organization who are in its admin group; make a member an admin, remove
 * one (never the last). {@code .../admins/members?search=} lists members to choose from. Only members of this
 * organization: any other user id is 404.
 */
public final class AdminsApi {

    private final KeycloakSession session;
    private final OrganizationModel organization;
    private final PortalOptions options;
    private final PortalChanges changes;
    private final OrganizationProvider organizations;

    AdminsApi(KeycloakSession session, OrganizationModel organization, PortalOptions options, PortalChanges changes) {
        this.session = session;
        this.organization = organization;
        this.options = options;
        this.changes = changes;
        this.organizations = session.getProvider(OrganizationProvider.class);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return ApiResponses.ok(Map.of("group", options.adminGroup(), "admins",
                admins().stream().map(AdminsApi::user).toList()));
    }

    @GET
    @Path("members")
    @Produces(MediaType.APPLICATION_JSON)
    public Response members(@QueryParam("search") String search) {
        if (search != null && PortalInput.textRefusal(search).isPresent()) {
            throw JsonBody.invalid("search " + PortalInput.textRefusal(search).get());
        }
        Optional<GroupModel> group = PortalApi.AdminGroup.find(session, organization, options);
        return ApiResponses.ok(organizations.getMembersStream(organization, search == null ? "" : search, false, 0, 50)
                .map(member -> {
                    Map<String, Object> entry = user(member);
                    entry.put("admin", group.isPresent() && isIn(member, group.get()));
                    return entry;
                }).toList());
    }

    /** {@code {"userId": "..."}}: a member of this organization joins the admin group (created when missing). */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response add(byte[] body) {
        String userId = JsonBody.read(session, body, Set.of("userId")).text("userId", PortalInput::textRefusal);
        lockOrganization();
        UserModel member = member(userId);
        GroupModel group = PortalApi.AdminGroup.find(session, organization, options)
                .orElseGet(() -> organizations.createGroup(organization, options.adminGroup(), null));
        if (!isIn(member, group)) {
            member.joinGroup(group);
            changes.record(ResourceType.ORGANIZATION_MEMBERSHIP, OperationType.CREATE, "admins/" + member.getId(),
                    "admin.add", Map.of("userId", member.getId(), "group", options.adminGroup()));
        }
        return ApiResponses.json(Response.Status.OK, user(member));
    }

    @DELETE
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("userId") String userId) {
        // the last-admin rule counts under the organization's row lock: two admins removing each other at once
        // are served one after the other, and the second sees one admin left
        lockOrganization();
        UserModel member = member(userId);
        Optional<GroupModel> group = PortalApi.AdminGroup.find(session, organization, options);
        boolean isAdmin = group.isPresent() && isIn(member, group.get());
        if (!isAdmin) {
            return ApiResponses.error(Response.Status.NOT_FOUND, "not_found", "this member is not an admin");
        }
        if (!PortalAccess.mayRemoveAdmin(admins().size(), true)) {
            return ApiResponses.error(Response.Status.CONFLICT, "last_admin",
                    "the last admin of the organization cannot be removed");
        }
        member.leaveGroup(group.get());
        changes.record(ResourceType.ORGANIZATION_MEMBERSHIP, OperationType.DELETE, "admins/" + member.getId(),
                "admin.remove", Map.of("userId", member.getId(), "group", options.adminGroup()));
        return ApiResponses.noContent();
    }

    private List<UserModel> admins() {
        Optional<GroupModel> group = PortalApi.AdminGroup.find(session, organization, options);
        if (group.isEmpty()) {
            return List.of();
        }
        return session.users().getGroupMembersStream(session.getContext().getRealm(), group.get(), 0, 500)
                .filter(user -> organizations.isMember(organization, user))
                .toList();
    }

    private UserModel member(String userId) {
        UserModel member = userId == null || userId.length() > 64 ? null : organizations.getMemberById(organization, userId);
        if (member == null) {
            throw ApiResponses.refuse(Response.Status.NOT_FOUND, "not_found", "no such member of this organization");
        }
        return member;
    }

    private boolean isIn(UserModel user, GroupModel group) {
        return organizations.getOrganizationGroupsByMember(organization, user).anyMatch(g -> g.getId().equals(group.getId()));
    }

    private static Map<String, Object> user(UserModel user) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", user.getId());
        entry.put("username", user.getUsername());
        entry.put("email", user.getEmail());
        entry.put("firstName", user.getFirstName());
        entry.put("lastName", user.getLastName());
        return entry;
    }

    /** The organization's row lock (see {@link OrganizationRowLock}); a 404 when the organization is gone. */
    private void lockOrganization() {
        if (!OrganizationRowLock.lock(session, organization.getId())) {
            throw ApiResponses.refuse(Response.Status.NOT_FOUND, "not_found", "no such organization");
        }
    }
}
