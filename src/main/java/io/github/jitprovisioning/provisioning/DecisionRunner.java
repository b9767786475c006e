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
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

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
     * @param modelUsername the username Keycloak would give the new user, or {@code null} when unknown
     */
    public JitRecord decide(LoginFacts login, String modelUsername, RealmSettings settings) {
        String reference = ReferenceCode.generate();
        KeycloakOrganizationDirectory directory = new KeycloakOrganizationDirectory(session);

        UserModel existing = existingAccount(login.email(), modelUsername);
        if (existing != null) {
            LOG.debugf("JIT %s: '%s' already belongs to user %s; Keycloak's link steps decide", reference,
                    login.identityProvider(), existing.getId());
            return record(Decision.of(Reason.EXISTING_ACCOUNT, null, domainOf(login.email())), reference, login,
                    null, List.of());
        }

        Decision decision = JitDecider.decide(login, settings, directory, new ConfigLog(realm.getName()));
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
     * The user that already has this email (or the username Keycloak would give), if any. Only values that could
     * be stored are looked up: an address that rule 3 refuses belongs to nobody, and a control character in a
     * query makes some databases (PostgreSQL) fail the whole request.
     */
    private UserModel existingAccount(String email, String modelUsername) {
        if (email != null && EmailAddress.parse(email).isPresent() && !realm.isDuplicateEmailsAllowed()) {
            UserModel byEmail = session.users().getUserByEmail(realm, email);
            if (byEmail != null) {
                return byEmail;
            }
        }
        if (modelUsername == null || modelUsername.isBlank() || modelUsername.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return session.users().getUserByUsername(realm, modelUsername);
    }

    private static String domainOf(String email) {
        return email == null ? null : EmailAddress.parse(email).map(EmailAddress::domain).orElse(null);
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
                warnings);
    }
}
