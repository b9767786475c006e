package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.decision.Decision;
import io.github.jitprovisioning.core.decision.JitDecider;
import io.github.jitprovisioning.core.decision.LoginFacts;
import io.github.jitprovisioning.core.settings.MissingPolicy;
import io.github.jitprovisioning.core.decision.OrganizationFacts;
import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.core.decision.ReferenceCode;
import io.github.jitprovisioning.core.text.EmailAddress;
import io.github.jitprovisioning.core.decision.ExistingAccounts;
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

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
     * @param modelUsername the brokered identity's username (the IdP's, or what a username mapper made of it), or
     *                      {@code null} when unknown; where the realm uses the email as username Keycloak creates the
     *                      user under the email instead, and that is the username looked up
     */
    public JitRecord decide(LoginFacts login, String modelUsername, RealmSettings settings) {
        return decide(login, settings, (email, organizationId) -> existingAccount(login.email(), email,
                usernameKeycloakCreates(email, modelUsername), organizationId), ReferenceCode.generate());
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
        } else if (decision.reason() == Reason.USERNAME_TAKEN) {
            LOG.debugf("JIT %s: '%s' brings the username of an existing user with another address who is no member of "
                    + "its organization; refused, never offered for linking", reference, login.identityProvider());
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
     * The username that Keycloak's "Create User If Unique" step gives the new user and checks for duplicates: the
     * email where the realm uses the email as username (the judged address, which the check step hands on to Keycloak;
     * none when the claim does not parse: an address that rule 3 refuses belongs to nobody), otherwise the brokered
     * username.
     */
    private String usernameKeycloakCreates(EmailAddress email, String modelUsername) {
        if (realm.isRegistrationEmailAsUsername()) {
            return email != null ? email.address() : null;
        }
        return modelUsername;
    }

    /**
     * Which existing user the identity would meet, as Keycloak's duplicate check looks: a user with this address (as
     * the rules normalize it, or as sent), else a user with the username Keycloak would create; for the latter,
     * whether that user is a member of {@code organizationId}. Only values that could be stored are looked up: an
     * address that rule 3 refuses belongs to nobody, and a control character in a query makes some databases
     * (PostgreSQL) fail the whole request.
     */
    private ExistingAccounts.Match existingAccount(String claim, EmailAddress email, String username,
                                                   String organizationId) {
        if (email != null && !realm.isDuplicateEmailsAllowed()) {
            if (session.users().getUserByEmail(realm, email.address()) != null) {
                return ExistingAccounts.Match.EMAIL;
            }
            if (!email.address().equalsIgnoreCase(claim) && session.users().getUserByEmail(realm, claim) != null) {
                return ExistingAccounts.Match.EMAIL;
            }
        }
        if (username == null || username.isBlank() || username.chars().anyMatch(Character::isISOControl)) {
            return ExistingAccounts.Match.NONE;
        }
        UserModel holder = session.users().getUserByUsername(realm, username);
        if (holder == null) {
            return ExistingAccounts.Match.NONE;
        }
        if (email != null && email.address().equalsIgnoreCase(holder.getEmail())) {
            return ExistingAccounts.Match.EMAIL; // duplicate emails allowed: the same address after all
        }
        return isMember(holder, organizationId) ? ExistingAccounts.Match.USERNAME_OF_MEMBER
                : ExistingAccounts.Match.USERNAME;
    }

    private boolean isMember(UserModel user, String organizationId) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizationId == null || organizations == null) {
            return false;
        }
        OrganizationModel organization = organizations.getById(organizationId);
        return organization != null && organizations.isMember(organization, user);
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
