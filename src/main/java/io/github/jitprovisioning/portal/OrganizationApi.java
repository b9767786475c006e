package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.settings.ConfigProblems;
import io.github.jitprovisioning.core.portal.GrantChoice;
import io.github.jitprovisioning.core.settings.GrantPolicy;
import io.github.jitprovisioning.core.decision.OrganizationSettings;
import io.github.jitprovisioning.core.portal.PortalAccess;
import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.rollout.JitMode;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.Grants;
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
        overview.put("readOnly", verdict == PortalAccess.Verdict.REALM_VIEWER || !organization.isEnabled());
        Map<String, Object> jit = new LinkedHashMap<>();
        jit.put("enabled", settings.jitEnabled());
        jit.put("syncProfile", settings.syncProfile());
        jit.put("mode", mode(organization.getAttributes()).code());
        jit.put("portalModes", portalModes());
        overview.put("jit", jit);
        overview.put("domains", DomainsApi.domains(session, realm, organization));
        overview.put("identityProviders", organization.getIdentityProviders().map(idp -> idp.getAlias()).toList());
        overview.put("decisions", new DecisionsApi(session, realm, organization).lastDays(30));
        overview.put("rateCap", RateCapView.of(session, realm, organization));
        return ApiResponses.ok(overview);
    }

    @GET
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getSettings() {
        return ApiResponses.ok(settingsAnswer(organization.getAttributes()));
    }

    /**
     * {@code {"jitEnabled": true, "syncProfile": false, "mode": "report-only"}}; any may be left out, not all. The
     * mode only among the realm's {@code jit.portal-modes} (otherwise 400 {@code mode_not_allowed} and nothing
     * changes). Takes effect at the next login. Answers the settings as saved.
     */
    @PUT
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Response putSettings(byte[] body) {
        JsonBody json = JsonBody.read(session, body, Set.of("jitEnabled", "syncProfile", "mode"));
        Map<String, Object> changed = new LinkedHashMap<>();
        for (String field : List.of("jitEnabled", "syncProfile")) {
            Boolean value = json.optionalBoolean(field);
            if (value != null) {
                changed.put(field, value);
            }
        }
        String requested = json.optionalText("mode", value -> JitMode.parse(value).isPresent() ? java.util.Optional.empty()
                : java.util.Optional.of("must be " + JitMode.ENFORCE.code() + " or " + JitMode.REPORT_ONLY.code()));
        if (requested != null) {
            JitMode mode = JitMode.parse(requested).orElseThrow();
            if (!RealmOptions.portalModes(realm, organization).contains(mode)) {
                return ApiResponses.error(Response.Status.BAD_REQUEST, "mode_not_allowed",
                        "the realm does not let the portal set the mode " + mode.code() + "; it allows: "
                                + String.join(", ", portalModes()));
            }
            changed.put("mode", mode.code());
        }
        if (changed.isEmpty()) {
            throw JsonBody.invalid("say what to change: jitEnabled, syncProfile, mode or several");
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        if (changed.containsKey("jitEnabled")) {
            attributes.put(OrganizationSettings.JIT_ENABLED, List.of(changed.get("jitEnabled").toString()));
        }
        if (changed.containsKey("syncProfile")) {
            attributes.put(OrganizationSettings.SYNC_PROFILE, List.of(changed.get("syncProfile").toString()));
        }
        if (changed.containsKey("mode")) {
            attributes.put(JitMode.ATTRIBUTE, List.of(changed.get("mode").toString()));
        }
        organization.setAttributes(attributes);
        changes.record(ResourceType.ORGANIZATION, OperationType.UPDATE, "settings", "settings.update", changed);
        return ApiResponses.ok(settingsAnswer(attributes));
    }

    private Map<String, Object> settingsAnswer(Map<String, List<String>> attributes) {
        OrganizationSettings settings = settings(attributes);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jitEnabled", settings.jitEnabled());
        answer.put("syncProfile", settings.syncProfile());
        answer.put("mode", mode(attributes).code());
        answer.put("portalModes", portalModes());
        return answer;
    }

    private JitMode mode(Map<String, List<String>> attributes) {
        return JitMode.of(attributes, "organization " + organization.getName(), new ConfigLog(realm.getName()));
    }

    /** The modes this realm lets the portal set, in a stable order. */
    private List<String> portalModes() {
        return RealmOptions.portalModes(realm, organization).stream().sorted().map(JitMode::code).toList();
    }

    @GET
    @Path("grants")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getGrants() {
        OrganizationSettings settings = settings();
        return ApiResponses.ok(grants(settings.defaultRoles(), settings.groups()));
    }

    /**
     * {@code {"roles": [...], "groups": [...]}}: replaces {@code jit.default-roles}, {@code jit.groups}, or both; a
     * field left out keeps its value, a body with neither is refused (it would not say what it changes). Only offered
     * entries; one refused entry refuses the whole request (400) and changes nothing. Answers what was saved.
     */
    @PUT
    @Path("grants")
    @Produces(MediaType.APPLICATION_JSON)
    public Response putGrants(byte[] body) {
        JsonBody json = JsonBody.read(session, body, Set.of("roles", "groups"));
        List<String> roles = json.optionalStrings("roles");
        List<String> groups = json.optionalStrings("groups");
        if (roles == null && groups == null) {
            throw JsonBody.invalid("roles and groups are missing: say what to change (an empty list clears it)");
        }
        GrantChoice choice = GrantChoice.check(roles == null ? List.of() : roles, offeredRoles(),
                groups == null ? List.of() : groups, offeredGroups());
        if (!choice.valid()) {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("error", "not_grantable");
            refusal.put("message", "only the roles and groups the portal offers can be chosen");
            refusal.put("refused", choice.refused());
            return ApiResponses.json(Response.Status.BAD_REQUEST, refusal);
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        Map<String, Object> representation = new LinkedHashMap<>();
        if (roles != null) {
            putList(attributes, OrganizationSettings.DEFAULT_ROLES, choice.roles());
            representation.put("roles", choice.roles());
        }
        if (groups != null) {
            putList(attributes, OrganizationSettings.GROUPS, choice.groups());
            representation.put("groups", choice.groups());
        }
        organization.setAttributes(attributes);
        changes.record(ResourceType.ORGANIZATION, OperationType.UPDATE, "grants", "grants.update", representation);
        OrganizationSettings saved = settings(attributes);
        return ApiResponses.ok(grants(saved.defaultRoles(), saved.groups()));
    }

    private Map<String, Object> grants(List<String> roles, List<String> groups) {
        Map<String, Object> grants = new LinkedHashMap<>();
        grants.put("roles", Map.of("selected", roles, "offered", List.copyOf(offeredRoles())));
        grants.put("groups", Map.of("selected", groups, "offered", List.copyOf(offeredGroups())));
        return grants;
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

    @Path("sso")
    public SsoApi sso() {
        return new SsoApi(session, realm, organization, caller, changes);
    }

    @Path("members")
    public MembersApi members() {
        return new MembersApi(session, realm, organization, changes);
    }

    @Path("decisions")
    public DecisionsApi decisions() {
        return new DecisionsApi(session, realm, organization);
    }

    private OrganizationSettings settings() {
        return settings(organization.getAttributes());
    }

    private OrganizationSettings settings(Map<String, List<String>> attributes) {
        ConfigProblems problems = new ConfigLog(realm.getName());
        return OrganizationSettings.fromAttributes("organization " + organization.getName(), attributes, problems);
    }

    /**
     * The realm's grantable roles that the login would grant: judged by {@link Grants#resolve} with the realm's
     * allow-list, the one rule the login uses (exists, not administrative, composites included).
     */
    private Set<String> offeredRoles() {
        return new LinkedHashSet<>(loginWouldGrant(options.grantableRoles(), List.of()).roleNames());
    }

    /**
     * The realm's grantable groups (paths; {@code /x/*} stands for every group below {@code /x}) that exist, and the
     * organization's own groups by their path inside the organization, never the portal's admin group; of those,
     * only what the login would join: judged by {@link Grants#resolve} with the realm's allow-list, the one rule the
     * login uses (a group whose effective roles, its parents' and composites included, grant administration is
     * never joined, so never offered).
     */
    private Set<String> offeredGroups() {
        List<String> candidates = new ArrayList<>();
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
                group.getSubGroupsStream().forEach(child -> addSubtree(child, normalized + "/" + child.getName(), candidates));
            } else {
                candidates.add(normalized);
            }
        }
        session.getProvider(OrganizationProvider.class).getTopLevelGroups(organization, null, null)
                .filter(group -> !group.getName().equals(options.adminGroup()))
                .forEach(group -> addSubtree(group, group.getName(), candidates));
        return new LinkedHashSet<>(loginWouldGrant(List.of(), candidates).groupNames());
    }

    private Grants.Resolved loginWouldGrant(List<String> roles, List<String> groups) {
        return Grants.resolve(session, realm, organization, roles, groups,
                new GrantPolicy(options.grantableRoles(), options.grantableGroups(), options.adminGroup()));
    }

    private static void addSubtree(GroupModel group, String path, List<String> candidates) {
        candidates.add(path);
        group.getSubGroupsStream().forEach(child -> addSubtree(child, path + "/" + child.getName(), candidates));
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
