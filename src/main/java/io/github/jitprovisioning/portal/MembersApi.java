package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.portal.PortalInput;
import io.github.jitprovisioning.core.members.MemberCsv;
import io.github.jitprovisioning.core.members.MemberQuery;
import io.github.jitprovisioning.members.MemberDirectory;
import io.github.jitprovisioning.members.MemberRemoval;
import io.github.jitprovisioning.members.MemberSettings;
import io.github.jitprovisioning.core.members.InactivityRule;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * {@code .../members}: the organization's members with origin, SSO sign-ins, groups and JIT-granted roles; search,
 * "not signed in for N days", a CSV export, and removal of a member (docs/members.md). Only members of this
 * organization: any other user id is 404.
 */
public final class MembersApi {

    /** At most this many members in one CSV export. */
    static final int EXPORT_LIMIT = 10_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationModel organization;
    private final PortalChanges changes;

    MembersApi(KeycloakSession session, RealmModel realm, OrganizationModel organization, PortalChanges changes) {
        this.session = session;
        this.realm = realm;
        this.organization = organization;
        this.changes = changes;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("search") String search, @QueryParam("inactiveDays") String inactiveDays,
                         @QueryParam("first") String first, @QueryParam("max") String max) {
        MemberQuery query = query(search, inactiveDays, first, max);
        return ApiResponses.ok(Map.of("members", new MemberDirectory(session, realm).list(organization, query).stream()
                .map(MemberDirectory.Member::toMap).toList()));
    }

    /** The same members as CSV ({@code search} and {@code inactiveDays} apply), at most {@value #EXPORT_LIMIT}. */
    @GET
    @Path("export")
    public Response export(@QueryParam("search") String search, @QueryParam("inactiveDays") String inactiveDays) {
        MemberQuery query = query(search, inactiveDays, null, null);
        StringBuilder csv = new StringBuilder(MemberCsv.line(MemberCsv.HEADER));
        for (MemberDirectory.Member member : new MemberDirectory(session, realm)
                .list(organization, query.search(), query.inactiveDays(), 0, EXPORT_LIMIT)) {
            Map<String, Object> m = member.toMap();
            csv.append(MemberCsv.line(java.util.Arrays.asList(m.get("id"), text(m.get("username")), text(m.get("email")),
                    text(m.get("firstName")), text(m.get("lastName")), m.get("membership"), m.get("origin"),
                    MemberCsv.time((Long) m.get("joinedAt")), text(m.get("identityProvider")),
                    MemberCsv.time((Long) m.get("firstSignInAt")), MemberCsv.time((Long) m.get("lastSignInAt")),
                    m.get("groups"), m.get("jitRoles"))));
        }
        String filename = "members-" + organization.getAlias().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
        return PortalHeaders.secure(Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8))
                .type("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store")).build();
    }

    /**
     * Removes a member: the JIT grants, the organization's groups, the membership, the sessions; a managed member's
     * account where it belongs to no other organization and the realm allows it. Never the last admin.
     */
    @DELETE
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("userId") String userId) {
        MemberSettings settings = MemberSettings.of(realm, organization);
        MemberRemoval.Outcome outcome = new MemberRemoval(session, realm).remove(organization, userId,
                settings.adminGroup(session, organization), settings.options().deleteAccounts(), "portal");
        if (!outcome.removed()) {
            return refusal(outcome.refusal());
        }
        changes.record(ResourceType.ORGANIZATION_MEMBERSHIP, OperationType.DELETE, "members/" + userId,
                "member.remove", outcome.done());
        return ApiResponses.noContent();
    }

    /** The organization's inactivity rule and the realm's bounds: {@code {mode, days, minDays, maxDays}}. */
    @GET
    @Path("inactivity-rule")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getRule() {
        return ApiResponses.ok(rule(MemberSettings.of(realm, organization)));
    }

    /**
     * {@code {"mode": "off"|"report-only"|"enforce", "days": N}}: the organization's inactivity rule; days within the
     * realm's bounds (400 {@code invalid_request} otherwise), required unless the mode is off.
     */
    @PUT
    @Path("inactivity-rule")
    @Produces(MediaType.APPLICATION_JSON)
    public Response putRule(byte[] body) {
        JsonBody json = JsonBody.read(session, body, Set.of("mode", "days"));
        String modeText = json.text("mode", PortalInput::textRefusal);
        InactivityRule.Mode mode = InactivityRule.Mode.of(modeText);
        if (mode == null) {
            throw JsonBody.invalid("mode must be off, report-only or enforce");
        }
        Integer days = json.optionalInteger("days");
        InactivityRule.Bounds bounds = MemberSettings.of(realm, organization).bounds();
        if (mode != InactivityRule.Mode.OFF && (days == null || !bounds.admits(days))) {
            throw JsonBody.invalid("days must be " + bounds.minDays() + " to " + bounds.maxDays()
                    + " (the realm's bounds)");
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.put(InactivityRule.MODE, List.of(mode.code()));
        if (days != null) {
            attributes.put(InactivityRule.DAYS, List.of(days.toString()));
        }
        organization.setAttributes(attributes);
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("mode", mode.code());
        changed.put("days", days);
        changes.record(ResourceType.ORGANIZATION, OperationType.UPDATE, "inactivity-rule", "inactivity-rule.update", changed);
        // the rule as written (the organization model answers its attributes of before the write in this request)
        InactivityRule saved = InactivityRule.fromAttributes(attributes, bounds, "organization " + organization.getAlias(),
                io.github.jitprovisioning.core.settings.ConfigProblems.IGNORE);
        return ApiResponses.ok(rule(saved, bounds));
    }

    private static Map<String, Object> rule(MemberSettings settings) {
        return rule(settings.rule(), settings.bounds());
    }

    private static Map<String, Object> rule(InactivityRule inactivity, InactivityRule.Bounds bounds) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("mode", inactivity.mode().code());
        rule.put("days", inactivity.mode() == InactivityRule.Mode.OFF ? null : inactivity.days());
        rule.put("minDays", bounds.minDays());
        rule.put("maxDays", bounds.maxDays());
        return rule;
    }

    static Response refusal(MemberRemoval.Refusal refusal) {
        return switch (refusal) {
            case NOT_A_MEMBER -> ApiResponses.error(Response.Status.NOT_FOUND, "not_found", "no such member of this organization");
            case LAST_ADMIN -> ApiResponses.error(Response.Status.CONFLICT, "last_admin",
                    "the last admin of the organization cannot be removed");
            case MEMBER_OF_ANOTHER_ORGANIZATION -> ApiResponses.error(Response.Status.CONFLICT, "member_of_another_organization",
                    "this member's account was created for the organization and another organization uses it too: "
                            + "removing it here would delete it for both");
            case ACCOUNTS_KEPT_BY_REALM -> ApiResponses.error(Response.Status.CONFLICT, "accounts_kept_by_realm",
                    "removing a managed member deletes the account, which this realm does not allow");
        };
    }

    private static MemberQuery query(String search, String inactiveDays, String first, String max) {
        if (search != null && PortalInput.textRefusal(search).isPresent()) {
            throw JsonBody.invalid("search " + PortalInput.textRefusal(search).get());
        }
        return MemberQuery.parse(search, inactiveDays, first, max)
                .orElseThrow(() -> ApiResponses.refuse(Response.Status.BAD_REQUEST, "invalid_request", MemberQuery.RULES));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
