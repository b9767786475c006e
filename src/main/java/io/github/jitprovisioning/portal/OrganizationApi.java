package io.github.jitprovisioning.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jitprovisioning.core.ConfigProblems;
import io.github.jitprovisioning.core.GrantChoice;
import io.github.jitprovisioning.core.OrganizationSettings;
import io.github.jitprovisioning.core.PortalAccess;
import io.github.jitprovisioning.core.PortalOptions;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.Grants;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code .../api/organizations/{orgId}}: one organization, already authorized by {@link PortalApi}. Overview, JIT
 * settings and default grants here; domains, admins, invitations and decisions in their own sub-resources.
 */
public final class OrganizationApi {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationModel organization;
    private final PortalCaller caller;
    private final PortalAccess.Verdict verdict;
    private final PortalOptions options;
    private final PortalChanges changes;

    OrganizationApi(KeycloakSession session, RealmModel realm, OrganizationModel organization, PortalCaller caller,
                    PortalAccess.Verdict verdict) {
        this.session = session;
        this.realm = realm;
        this.organization = organization;
        this.caller = caller;
        this.verdict = verdict;
        this.options = RealmOptions.of(realm, organization);
        this.changes = new PortalChanges(session, realm, caller, organization.getId());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response overview() {
        OrganizationSettings settings = settings();
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("id", organization.getId());
        overview.put("name", organization.getName());
        overview.put("alias", organization.getAlias());
        overview.put("enabled", organization.isEnabled());
        overview.put("access", verdict.name());
        overview.put("readOnly", verdict == PortalAccess.Verdict.REALM_VIEWER);
        Map<String, Object> jit = new LinkedHashMap<>();
        jit.put("enabled", settings.jitEnabled());
        jit.put("syncProfile", settings.syncProfile());
        overview.put("jit", jit);
        overview.put("domains", DomainsApi.domains(session, realm, organization));
        overview.put("identityProviders", organization.getIdentityProviders().map(idp -> idp.getAlias()).toList());
        overview.put("decisions", new DecisionsApi(session, realm, organization).lastDays(30));
        return ApiResponses.ok(overview);
    }

    @GET
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getSettings() {
        OrganizationSettings settings = settings();
        return ApiResponses.ok(Map.of("jitEnabled", settings.jitEnabled(), "syncProfile", settings.syncProfile()));
    }

    /** {@code {"jitEnabled": true, "syncProfile": false}}; either may be left out. Takes effect at the next login. */
    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response putSettings(String body) {
        JsonNode json = ApiResponses.object(body);
        Map<String, Object> changed = new LinkedHashMap<>();
        for (String field : List.of("jitEnabled", "syncProfile")) {
            JsonNode value = json.get(field);
            if (value != null && !value.isBoolean()) {
                throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "invalid_request", field + " must be true or false");
            }
            if (value != null) {
                changed.put(field, value.asBoolean());
            }
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!name.equals("jitEnabled") && !name.equals("syncProfile")) {
                throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "invalid_request",
                        "unknown field; expected jitEnabled, syncProfile");
            }
        });
        if (changed.isEmpty()) {
            throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "invalid_request", "nothing to change");
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        if (changed.containsKey("jitEnabled")) {
            attributes.put(OrganizationSettings.JIT_ENABLED, List.of(changed.get("jitEnabled").toString()));
        }
        if (changed.containsKey("syncProfile")) {
            attributes.put(OrganizationSettings.SYNC_PROFILE, List.of(changed.get("syncProfile").toString()));
        }
        organization.setAttributes(attributes);
        changes.record(ResourceType.ORGANIZATION, OperationType.UPDATE, "settings", "settings.update", changed);
        return getSettings();
    }

    @GET
    @Path("grants")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getGrants() {
        OrganizationSettings settings = settings();
        Map<String, Object> grants = new LinkedHashMap<>();
        grants.put("roles", Map.of("selected", settings.defaultRoles(), "offered", List.copyOf(offeredRoles())));
        grants.put("groups", Map.of("selected", settings.groups(), "offered", List.copyOf(offeredGroups())));
        return ApiResponses.ok(grants);
    }

    /**
     * {@code {"roles": [...], "groups": [...]}}: replaces {@code jit.default-roles} and {@code jit.groups}. Only
     * offered entries; one refused entry refuses the whole request (400) and changes nothing.
     */
    @PUT
    @Path("grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response putGrants(String body) {
        JsonNode json = ApiResponses.object(body);
        GrantChoice choice = GrantChoice.check(strings(json, "roles"), offeredRoles(), strings(json, "groups"),
                offeredGroups());
        if (!choice.valid()) {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("error", "not_grantable");
            refusal.put("message", "only the roles and groups the portal offers can be chosen");
            refusal.put("refused", choice.refused());
            return ApiResponses.json(Response.Status.BAD_REQUEST, refusal);
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        putList(attributes, OrganizationSettings.DEFAULT_ROLES, choice.roles());
        putList(attributes, OrganizationSettings.GROUPS, choice.groups());
        organization.setAttributes(attributes);
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("roles", choice.roles());
        representation.put("groups", choice.groups());
        changes.record(ResourceType.ORGANIZATION, OperationType.UPDATE, "grants", "grants.update", representation);
        return getGrants();
    }

    @Path("domains")
    public DomainsApi domains() {
        return new DomainsApi(session, realm, organization, caller, changes);
    }

    @Path("admins")
    public AdminsApi admins() {
        return new AdminsApi(session, organization, options, changes);
    }

    @Path("invitations")
    public InvitationsApi invitations() {
        return new InvitationsApi(session, organization, changes);
    }

    @Path("decisions")
    public DecisionsApi decisions() {
        return new DecisionsApi(session, realm, organization);
    }

    private OrganizationSettings settings() {
        ConfigProblems problems = new ConfigLog(realm.getName());
        return OrganizationSettings.fromAttributes("organization " + organization.getName(),
                organization.getAttributes(), problems);
    }

    /** The realm's grantable roles that exist and grant no administration. */
    private Set<String> offeredRoles() {
        Set<String> offered = new LinkedHashSet<>();
        for (String name : options.grantableRoles()) {
            RoleModel role = Grants.findRole(realm, name);
            if (role != null && !Grants.isAdministrative(realm, role)) {
                offered.add(name);
            }
        }
        return offered;
    }

    /**
     * The realm's grantable groups (paths) that exist, and the organization's own groups by their path inside the
     * organization; never the portal's admin group, never a group whose roles grant administration.
     */
    private Set<String> offeredGroups() {
        Set<String> offered = new LinkedHashSet<>();
        for (String path : options.grantableGroups()) {
            boolean subtree = path.endsWith("/*");
            String base = subtree ? path.substring(0, path.length() - 2) : path;
            String normalized = base.startsWith("/") ? base : "/" + base;
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, normalized);
            if (group == null || group.getType() != GroupModel.Type.REALM) {
                continue;
            }
            if (subtree) {
                // "/Customers/*": every group below /Customers, not /Customers itself (as GrantPolicy reads it)
                group.getSubGroupsStream().forEach(child -> addRealmSubtree(child, normalized + "/" + child.getName(), offered));
            } else if (!administrative(group)) {
                offered.add(normalized);
            }
        }
        session.getProvider(OrganizationProvider.class).getTopLevelGroups(organization, null, null)
                .filter(group -> !group.getName().equals(options.adminGroup()))
                .forEach(group -> addOrganizationGroup(group, group.getName(), offered));
        return offered;
    }

    private void addRealmSubtree(GroupModel group, String path, Set<String> offered) {
        if (administrative(group)) {
            return;
        }
        offered.add(path);
        group.getSubGroupsStream().forEach(child -> addRealmSubtree(child, path + "/" + child.getName(), offered));
    }

    private void addOrganizationGroup(GroupModel group, String path, Set<String> offered) {
        if (administrative(group)) {
            return;
        }
        offered.add(path);
        group.getSubGroupsStream().forEach(child -> addOrganizationGroup(child, path + "/" + child.getName(), offered));
    }

    private boolean administrative(GroupModel group) {
        return group.getRoleMappingsStream().anyMatch(role -> Grants.isAdministrative(realm, role));
    }

    private static List<String> strings(JsonNode json, String field) {
        JsonNode array = json.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "invalid_request", field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "invalid_request", field + " must be an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static void putList(Map<String, List<String>> attributes, String key, List<String> values) {
        if (values.isEmpty()) {
            attributes.remove(key);
        } else {
            attributes.put(key, List.of(String.join(",", values)));
        }
    }

    static Stream<String> none() {
        return Stream.empty();
    }
}
