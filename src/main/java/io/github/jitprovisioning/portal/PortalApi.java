package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.portal.PortalAccess;
import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.portal.SameOrigin;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /realms/{realm}/jit-portal/api}: authenticates the caller, asks {@link PortalAccess} whether they may read
 * or change the organization in the path, checks CSRF token and origin for cookie-authenticated changes, and hands
 * over to {@link OrganizationApi}. Unauthenticated: 401; not allowed: 403; allowed but no such organization: 404.
 */
public final class PortalApi {

    static final String CSRF_HEADER = "X-JIT-CSRF";

    private final KeycloakSession session;
    private final RealmModel realm;

    PortalApi(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Who the caller is and which organizations they may open; a link session also gets its CSRF token. */
    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public Response me() {
        PortalCaller caller = authenticated();
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        Map<String, Object> me = new LinkedHashMap<>();
        List<Map<String, Object>> open = new ArrayList<>();
        if (caller.byCookie()) {
            me.put("kind", "setup-link");
            me.put("csrf", caller.link().csrf());
            me.put("sessionEnds", caller.link().end().toString());
            OrganizationModel organization = organizations.getById(caller.link().organizationId());
            if (organization != null) {
                open.add(summary(organization, PortalAccess.Verdict.SETUP_LINK));
            }
        } else {
            me.put("kind", "user");
            me.put("username", caller.user().getUsername());
            boolean manage = hasRealmManagementRole(caller.user(), "manage-organizations");
            boolean view = manage || hasRealmManagementRole(caller.user(), "view-organizations");
            if (view) {
                organizations.getAllStream("", null, 0, 200).forEach(organization -> open.add(summary(organization,
                        manage ? PortalAccess.Verdict.REALM_MANAGER : PortalAccess.Verdict.REALM_VIEWER)));
            } else {
                organizations.getByMember(caller.user())
                        .filter(organization -> inAdminGroup(organization, caller.user()))
                        .forEach(organization -> open.add(summary(organization, PortalAccess.Verdict.ORGANIZATION_ADMIN)));
            }
        }
        me.put("organizations", open);
        return ApiResponses.ok(me);
    }

    /**
     * Ends a setup-link session: the session is removed from the store (the cookie no longer opens anything, on any
     * node) and the cookie deleted. Needs the session's CSRF token and the portal's origin, like every change. A
     * signed-in user signs out through Keycloak's logout instead (400).
     */
    @POST
    @Path("sign-out")
    @Produces(MediaType.APPLICATION_JSON)
    public Response signOut() {
        PortalCaller caller = authenticated();
        if (!caller.byCookie()) {
            throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "not_a_link_session",
                    "a signed-in user signs out through Keycloak's logout");
        }
        requireCsrf(caller);
        PortalSessions.end(session, session.getContext().getRequestHeaders().getCookies().get(PortalSessions.COOKIE)
                .getValue());
        new PortalChanges(session, realm, caller, caller.link().organizationId())
                .audit("link.sign-out", Map.of("link_id", caller.link().linkId()));
        return PortalHeaders.secure(Response.noContent()
                .header("Set-Cookie", PortalSessions.cookie(session, PortalPage.portalPath(session, realm), "", 0))
                .header("Cache-Control", "no-store")).build();
    }

    @Path("organizations/{orgId}")
    public OrganizationApi organization(@PathParam("orgId") String orgId) {
        PortalCaller caller = authenticated();
        String method = session.getContext().getHttpRequest().getHttpMethod();
        PortalAccess.Intent intent = "GET".equals(method) || "HEAD".equals(method)
                ? PortalAccess.Intent.READ : PortalAccess.Intent.CHANGE;
        OrganizationModel organization = orgId == null || orgId.length() > 64 ? null
                : session.getProvider(OrganizationProvider.class).getById(orgId);
        PortalAccess.Verdict verdict = PortalAccess.decide(facts(caller, organization), orgId, intent);
        if (!verdict.allowed()) {
            throw ApiResponses.refuse(Response.Status.FORBIDDEN, "forbidden",
                    "you may not " + (intent == PortalAccess.Intent.READ ? "open" : "change") + " this organization");
        }
        if (organization == null) {
            throw ApiResponses.refuse(Response.Status.NOT_FOUND, "not_found", "no such organization");
        }
        if (intent == PortalAccess.Intent.CHANGE && caller.byCookie()) {
            requireCsrf(caller);
        }
        if (intent == PortalAccess.Intent.CHANGE && !organization.isEnabled()) {
            throw ApiResponses.refuse(Response.Status.CONFLICT, "organization_disabled",
                    "the organization is disabled: its portal is read-only until a realm admin enables it again");
        }
        return new OrganizationApi(session, realm, organization, caller, verdict);
    }

    private PortalCaller authenticated() {
        return PortalAuth.authenticate(session, realm).orElseThrow(() -> ApiResponses.refuse(
                Response.Status.UNAUTHORIZED, "unauthenticated",
                "sign in (an access token of this realm issued to or for jit-portal) or open a setup link"));
    }

    private void requireCsrf(PortalCaller caller) {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        if (!SameOrigin.matches(origin, session.getContext().getUri().getBaseUri())) {
            throw ApiResponses.refuse(Response.Status.FORBIDDEN, "cross_origin",
                    "a change from a session cookie must come from the portal's own origin");
        }
        String csrf = session.getContext().getRequestHeaders().getHeaderString(CSRF_HEADER);
        if (csrf == null || !java.security.MessageDigest.isEqual(csrf.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                caller.link().csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw ApiResponses.refuse(Response.Status.FORBIDDEN, "csrf",
                    "a change from a session cookie needs the " + CSRF_HEADER + " header of the session");
        }
    }

    private PortalAccess.Caller facts(PortalCaller caller, OrganizationModel organization) {
        if (caller.byCookie()) {
            return PortalAccess.Caller.link(caller.link().organizationId());
        }
        UserModel user = caller.user();
        boolean member = organization != null
                && session.getProvider(OrganizationProvider.class).isMember(organization, user);
        return new PortalAccess.Caller(null, hasRealmManagementRole(user, "manage-organizations"),
                hasRealmManagementRole(user, "view-organizations"), member,
                member && inAdminGroup(organization, user));
    }

    private boolean hasRealmManagementRole(UserModel user, String roleName) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel role = management == null ? null : management.getRole(roleName);
        return role != null && user.hasRole(role);
    }

    private boolean inAdminGroup(OrganizationModel organization, UserModel user) {
        Optional<GroupModel> group = AdminGroup.find(session, organization, RealmOptions.of(realm, organization));
        return group.isPresent() && session.getProvider(OrganizationProvider.class)
                .getOrganizationGroupsByMember(organization, user)
                .anyMatch(g -> g.getId().equals(group.get().getId()));
    }

    private static Map<String, Object> summary(OrganizationModel organization, PortalAccess.Verdict verdict) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", organization.getId());
        summary.put("name", organization.getName());
        summary.put("access", verdict.name());
        summary.put("enabled", organization.isEnabled());
        return summary;
    }

    /** The organization group named by the realm option {@value PortalOptions#ADMIN_GROUP}. */
    static final class AdminGroup {
        private AdminGroup() {
        }

        static Optional<GroupModel> find(KeycloakSession session, OrganizationModel organization, PortalOptions options) {
            return session.getProvider(OrganizationProvider.class).getTopLevelGroups(organization, null, null)
                    .filter(group -> options.adminGroup().equals(group.getName()))
                    .findFirst();
        }
    }
}
