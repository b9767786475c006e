package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.Decision;
import io.github.jitprovisioning.core.JitDecider;
import io.github.jitprovisioning.core.LoginFacts;
import io.github.jitprovisioning.core.MissingPolicy;
import io.github.jitprovisioning.core.OrganizationFacts;
import io.github.jitprovisioning.core.Reason;
import io.github.jitprovisioning.core.RealmSettings;
import io.github.jitprovisioning.core.ReferenceCode;
import io.github.jitprovisioning.core.EmailAddress;
import io.github.jitprovisioning.core.ExistingAccounts;
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import java.util.List;

/**
 * Gathers the facts of a first brokered login from Keycloak, asks the core for the decision and resolves the
 * roles and groups it grants. Changes nothing: the authenticator applies the answer, the simulate endpoint
 * only reports it.
 */
public final class DecisionRunner {

    private static final Logger LOG = Logger.getLogger(DecisionRunner.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public DecisionRunner(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * The decision of a first brokered login, with the existing-account check where the rules put it.
     *
     * @param modelUsername the username Keycloak would give the new user, or {@code null} when unknown
     */
    public JitRecord decide(LoginFacts login, String modelUsername, RealmSettings settings) {
        return decide(login, settings, email -> existingAccount(login.email(), email, modelUsername),
                ReferenceCode.generate());
    }

    /**
     * The provisioning step's re-check after Keycloak created the user: the same rules on the same judged
     * claims, read afresh (organization switches, the IdP link, domains, the invitation, roles and groups), under
     * the same reference code. The user just created is no existing account.
     */
    public JitRecord recheck(LoginFacts login, RealmSettings settings, String reference) {
        return decide(login, settings, ExistingAccounts.NONE, reference);
    }

    private JitRecord decide(LoginFacts login, RealmSettings settings, ExistingAccounts accounts, String reference) {
        KeycloakOrganizationDirectory directory = new KeycloakOrganizationDirectory(session);
        Decision decision = JitDecider.decide(login, settings, directory, accounts, new ConfigLog(realm.getName()));
        if (decision.reason() == Reason.EXISTING_ACCOUNT) {
            LOG.debugf("JIT %s: '%s' brings an address or username of an existing user; Keycloak's link steps decide",
                    reference, login.identityProvider());
        }
        if (!decision.admits()) {
            return record(decision, reference, login, null, List.of());
        }

        OrganizationModel organization = directory.byId(decision.organization().id());
        List<String> roles = decision.roles();
        Grants.Resolved grants = Grants.resolve(session, realm, organization, roles, decision.groups(),
                settings.grantPolicy());
        if (!grants.problems().isEmpty()) {
            if (settings.onMissing() == MissingPolicy.BLOCK) {
                LOG.warnf("JIT %s: refusing login into organization '%s' of realm '%s': %s", reference,
                        decision.organization().name(), realm.getName(), String.join("; ", grants.problems()));
                Decision blocked = new Decision(Reason.MISSING_ROLE_OR_GROUP, decision.organization(),
                        decision.emailDomain(), null, List.of(), List.of());
                return record(blocked, reference, login, null, grants.problems());
            }
            LOG.warnf("JIT %s: provisioning into organization '%s' of realm '%s' without: %s", reference,
                    decision.organization().name(), realm.getName(), String.join("; ", grants.problems()));
        }
        return record(decision, reference, login, grants, grants.problems());
    }

    /**
     * Whether a user already has this address (as the rules normalize it, or as sent) or the username Keycloak
     * would give. Only values that could be stored are looked up: an address that rule 3 refuses belongs to
     * nobody, and a control character in a query makes some databases (PostgreSQL) fail the whole request.
     */
    private boolean existingAccount(String claim, EmailAddress email, String modelUsername) {
        if (email != null && !realm.isDuplicateEmailsAllowed()) {
            if (session.users().getUserByEmail(realm, email.address()) != null) {
                return true;
            }
            if (!email.address().equalsIgnoreCase(claim) && session.users().getUserByEmail(realm, claim) != null) {
                return true;
            }
        }
        if (modelUsername == null || modelUsername.isBlank() || modelUsername.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        return session.users().getUserByUsername(realm, modelUsername) != null;
    }

    private static JitRecord record(Decision decision, String reference, LoginFacts login, Grants.Resolved grants,
                                    List<String> warnings) {
        OrganizationFacts org = decision.organization();
        return new JitRecord(decision.reason(), reference, login.identityProvider(),
                org == null ? null : org.id(), org == null ? null : org.name(), decision.emailDomain(),
                decision.invitationId(),
                grants == null ? List.of() : grants.roles().stream().map(RoleModel::getId).toList(),
                grants == null ? List.of() : grants.groups().stream().map(GroupModel::getId).toList(),
                grants == null ? List.of() : grants.roleNames(),
                grants == null ? List.of() : grants.groupNames(),
                warnings, decision.mailboxProofRequired());
    }
}
