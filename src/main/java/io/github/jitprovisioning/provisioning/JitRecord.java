package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.decision.Outcome;
import io.github.jitprovisioning.core.decision.Reason;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JIT decision as the rest of Keycloak sees it: the event details, and the authentication-session notes
 * that carry an admitted decision from the check step to the provisioning step.
 *
 * @param roleIds  ids of the roles to grant (resolved and allowed)
 * @param groupIds ids of the groups to join (resolved)
 * @param roles    the granted roles as configured (for the {@code jit_roles} detail)
 * @param groups   the joined groups as configured (for the {@code jit_groups} detail)
 * @param warnings what was configured but could not be granted or joined, and other non-fatal problems
 */
public record JitRecord(Reason reason, String reference, String identityProvider, String organizationId,
                        String organizationName, String emailDomain, String invitationId, List<String> roleIds,
                        List<String> groupIds, List<String> roles, List<String> groups, List<String> warnings,
                        boolean mailboxProofRequired) {

    public static final String OUTCOME = "jit_outcome";
    public static final String REASON = "jit_reason";
    public static final String REFERENCE = "jit_reference";
    public static final String ORGANIZATION = "organization";
    public static final String ORGANIZATION_ID = "organization_id";
    public static final String IDENTITY_PROVIDER = "identity_provider";
    public static final String EMAIL_DOMAIN = "email_domain";
    public static final String ROLES = "jit_roles";
    public static final String GROUPS = "jit_groups";
    public static final String SYNCED_FIELDS = "jit_synced_fields";
    public static final String WARNINGS = "jit_warnings";

    private static final String NOTE_PREFIX = "jit.";
    private static final String DECIDED_IN_REQUEST = JitRecord.class.getName() + ".decided-in-request";
    private static final String SEPARATOR = "\n";

    public JitRecord {
        roleIds = List.copyOf(roleIds);
        groupIds = List.copyOf(groupIds);
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    /** A record that needs no mailbox proof. */
    public JitRecord(Reason reason, String reference, String identityProvider, String organizationId,
                     String organizationName, String emailDomain, String invitationId, List<String> roleIds,
                     List<String> groupIds, List<String> roles, List<String> groups, List<String> warnings) {
        this(reason, reference, identityProvider, organizationId, organizationName, emailDomain, invitationId, roleIds,
                groupIds, roles, groups, warnings, false);
    }

    public Outcome outcome() {
        return reason.outcome();
    }

    public boolean admits() {
        return outcome() == Outcome.PROVISIONED || outcome() == Outcome.INVITED;
    }

    /** The event details of SPEC "Events and audit", in a stable order, without empty values. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(OUTCOME, outcome().code());
        details.put(REASON, reason.code());
        details.put(REFERENCE, reference);
        putIfPresent(details, IDENTITY_PROVIDER, identityProvider);
        putIfPresent(details, ORGANIZATION, organizationName);
        putIfPresent(details, ORGANIZATION_ID, organizationId);
        putIfPresent(details, EMAIL_DOMAIN, emailDomain);
        putIfPresent(details, ROLES, String.join(",", roles));
        putIfPresent(details, GROUPS, String.join(",", groups));
        putIfPresent(details, WARNINGS, String.join("; ", warnings));
        return details;
    }

    /** Adds the details to the event of this login. */
    public void annotate(EventBuilder event) {
        details().forEach(event::detail);
    }

    /**
     * Records that this decision was made in the request of {@code session} (a session attribute: it ends with the
     * request). The provisioning step then applies it as it is instead of deciding again.
     */
    public void markDecidedIn(KeycloakSession session) {
        session.setAttribute(DECIDED_IN_REQUEST, reference);
    }

    /**
     * Whether this decision was made earlier in the request of {@code session}: no form, and so no wait for a
     * person, came between the check step and now, only the steps of one transaction.
     */
    public boolean decidedIn(KeycloakSession session) {
        return reference != null && reference.equals(session.getAttribute(DECIDED_IN_REQUEST));
    }

    public void saveTo(AuthenticationSessionModel authSession) {
        note(authSession, "reason", reason.name());
        note(authSession, "reference", reference);
        note(authSession, "idp", identityProvider);
        note(authSession, "org.id", organizationId);
        note(authSession, "org.name", organizationName);
        note(authSession, "domain", emailDomain);
        note(authSession, "invitation", invitationId);
        note(authSession, "role-ids", String.join(SEPARATOR, roleIds));
        note(authSession, "group-ids", String.join(SEPARATOR, groupIds));
        note(authSession, "roles", String.join(SEPARATOR, roles));
        note(authSession, "groups", String.join(SEPARATOR, groups));
        note(authSession, "warnings", String.join(SEPARATOR, warnings));
    }

    /** The decision saved by the check step of this login, or {@code null} when there is none. */
    public static JitRecord loadFrom(AuthenticationSessionModel authSession) {
        String reason = authSession.getAuthNote(NOTE_PREFIX + "reason");
        if (reason == null) {
            return null;
        }
        return new JitRecord(Reason.valueOf(reason), note(authSession, "reference"), note(authSession, "idp"),
                note(authSession, "org.id"), note(authSession, "org.name"), note(authSession, "domain"),
                note(authSession, "invitation"), list(authSession, "role-ids"), list(authSession, "group-ids"),
                list(authSession, "roles"), list(authSession, "groups"), list(authSession, "warnings"));
    }

    public JitRecord withWarnings(List<String> moreWarnings) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(moreWarnings);
        return new JitRecord(reason, reference, identityProvider, organizationId, organizationName, emailDomain,
                invitationId, roleIds, groupIds, roles, groups, all, mailboxProofRequired);
    }

    /** This login refused for {@code refusal}: same reference, IdP, organization and domain, nothing granted. */
    public JitRecord refused(Reason refusal) {
        return new JitRecord(refusal, reference, identityProvider, organizationId, organizationName, emailDomain, null,
                List.of(), List.of(), List.of(), List.of(), warnings);
    }

    private static void putIfPresent(Map<String, String> details, String key, String value) {
        if (value != null && !value.isEmpty()) {
            details.put(key, value);
        }
    }

    private static void note(AuthenticationSessionModel authSession, String key, String value) {
        if (value == null || value.isEmpty()) {
            authSession.removeAuthNote(NOTE_PREFIX + key);
        } else {
            authSession.setAuthNote(NOTE_PREFIX + key, value);
        }
    }

    private static String note(AuthenticationSessionModel authSession, String key) {
        return authSession.getAuthNote(NOTE_PREFIX + key);
    }

    private static List<String> list(AuthenticationSessionModel authSession, String key) {
        String value = note(authSession, key);
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(SEPARATOR));
    }
}
