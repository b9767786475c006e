package io.github.jitprovisioning.core.decision;

import io.github.jitprovisioning.core.settings.ConfigProblems;
import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.core.settings.UnlinkedIdpMode;
import io.github.jitprovisioning.core.text.DomainPattern;
import io.github.jitprovisioning.core.text.EmailAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision rules 1 to 10 of the specification, applied in order; the first rule that fires decides.
 * Organization lookups are made only when a rule needs them.
 *
 * <p>An address that already belongs to a Keycloak user is not JIT's to decide ({@link Reason#EXISTING_ACCOUNT}):
 * Keycloak's link steps are. Where that check sits depends on the IdP. For an IdP linked to no organization it comes
 * first, as for any login JIT does not judge, and a username match counts as well. For an IdP linked to an
 * organization, rules 2 to 4 and 6 to 7 come first: an organization's IdP may only vouch for addresses of its own
 * organization, for existing accounts too, so another tenant's address is refused before Keycloak could show
 * "account exists" or mail the real owner a link. There an account that holds only the username Keycloak would
 * create (another address) is offered for linking only when it is a member of the IdP's organization; otherwise
 * {@link Reason#USERNAME_TAKEN}.
 *
 * <p>Rule 5 (an invitation) admits only through an IdP that may speak for the inviting organization: the
 * organization linked to the IdP, or, for an IdP linked to no organization under {@code match by domain}, the
 * organization that owns the domain. Another organization's invitation is never even looked up. By the address's
 * domain it splits three ways: another organization's domain (registered, exact or {@code *.}, verified or not)
 * never admits ({@link Reason#DOMAIN_OF_ANOTHER_ORGANIZATION}, the invitation stays pending); the inviting
 * organization's own domain admits; a domain that no organization owns admits with
 * {@link Decision#mailboxProofRequired()}.
 *
 * <p>Which organization a decision names: rules 2 to 4 name the organization the IdP is linked to (if any);
 * rule 5 the inviting organization (also when it refuses); rule 6 none (the domain is the user's, an organization
 * that does not own it must not appear); rule 7 and a taken username the IdP's organization; rules 8 to 10 the
 * organization that owns the domain; an existing account none. {@link Decision#emailDomain()} is the normalized domain whenever the email claim
 * parses, whatever rule decided, and {@code null} otherwise.
 */
public final class JitDecider {

    private JitDecider() {
    }

    /** The decision for a login whose address and username belong to no user yet (see the five-argument form). */
    public static Decision decide(LoginFacts login, RealmSettings realm, OrganizationDirectory directory,
                                  ConfigProblems problems) {
        return decide(login, realm, directory, ExistingAccounts.NONE, problems);
    }

    /**
     * @param login     the brokered identity
     * @param realm     the realm-wide options
     * @param directory the organizations, looked up lazily
     * @param accounts  whether the identity would meet an existing account; asked at most once
     * @param problems  receives unknown values in the {@code jit.*} attributes of the organizations read
     * @return the decision; never {@code null}
     */
    public static Decision decide(LoginFacts login, RealmSettings realm, OrganizationDirectory directory,
                                  ExistingAccounts accounts, ConfigProblems problems) {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(problems, "problems");

        Optional<EmailAddress> email = EmailAddress.parse(login.email());
        String emailDomain = email.map(EmailAddress::domain).orElse(null);
        Optional<OrganizationFacts> linked = directory.linkedTo(login.identityProvider());
        OrganizationFacts linkedOrg = linked.orElse(null);

        if (linked.isEmpty()) {
            if (accounts.find(email.orElse(null), null) != ExistingAccounts.Match.NONE) {
                return Decision.of(Reason.EXISTING_ACCOUNT, null, emailDomain);
            }
            if (realm.unlinkedIdps() == UnlinkedIdpMode.IGNORE) {
                return Decision.of(Reason.NOT_APPLICABLE, null, emailDomain);
            }
        }
        if (login.email() == null || login.email().isEmpty()) {
            return Decision.of(Reason.MISSING_EMAIL, linkedOrg, null);
        }
        if (email.isEmpty()) {
            return Decision.of(Reason.INVALID_EMAIL, linkedOrg, null);
        }
        if (realm.requireVerifiedEmail() && !login.emailVerified()) {
            return Decision.of(Reason.EMAIL_NOT_VERIFIED, linkedOrg, emailDomain);
        }

        DomainRules domainRules = new DomainRules(directory, emailDomain, realm, linkedOrg);
        if (linked.isPresent()) {
            ExistingAccounts.Match match = accounts.find(email.get(), linkedOrg.id());
            if (match != ExistingAccounts.Match.NONE) {
                Optional<Decision> refusal = domainRules.refusal();
                if (refusal.isPresent()) {
                    return refusal.get();
                }
                return match == ExistingAccounts.Match.USERNAME
                        ? Decision.of(Reason.USERNAME_TAKEN, linkedOrg, emailDomain)
                        : Decision.of(Reason.EXISTING_ACCOUNT, null, emailDomain);
            }
        }

        OrganizationFacts mayInvite = linked.isPresent() ? linkedOrg : domainRules.owner().orElse(null);
        Optional<PendingInvitation> invitation = mayInvite == null || !mayInvite.enabled() ? Optional.empty()
                : directory.pendingInvitation(email.get().address(), mayInvite)
                        .filter(pending -> pending.organization() != null && pending.organization().enabled()
                                && Objects.equals(pending.organization().id(), mayInvite.id()));
        if (invitation.isPresent()) {
            return invited(invitation.get(), domainRules, emailDomain, realm, problems);
        }

        Optional<Decision> refusal = domainRules.refusal();
        if (refusal.isPresent()) {
            return refusal.get();
        }
        OrganizationFacts organization = domainRules.owner().orElseThrow();
        if (!organization.enabled()) {
            return Decision.of(Reason.ORGANIZATION_DISABLED, organization, emailDomain);
        }
        OrganizationSettings settings = OrganizationSettings.of(organization, problems);
        if (!settings.jitEnabled()) {
            return Decision.of(Reason.JIT_DISABLED, organization, emailDomain);
        }
        return provision(Reason.PROVISIONED, organization, settings, emailDomain, null, realm, false);
    }

    /**
     * Whether rule 5 would never admit an invitation of {@code address} by organization {@code invitingOrganizationId}
     * because the address's domain is registered by another organization (exact or {@code *.}, verified or not): the
     * portal refuses to create such an invitation.
     *
     * @param address an email address as typed; one that does not parse is not judged here ({@code false})
     */
    public static boolean domainOfAnotherOrganization(String address, String invitingOrganizationId,
                                                      OrganizationDirectory directory) {
        Optional<EmailAddress> email = EmailAddress.parse(address);
        if (email.isEmpty()) {
            return false;
        }
        return registeredOwner(directory, email.get().domain())
                .filter(owner -> !Objects.equals(owner.id(), invitingOrganizationId))
                .isPresent();
    }

    /** Rule 5's three cases: whose domain the invited address is of. */
    private enum InvitedDomain {
        /** Registered by another organization (exact or {@code *.}, verified or not). */
        ANOTHER_ORGANIZATIONS,
        /** One of the inviting organization's own domains. */
        INVITING_ORGANIZATIONS,
        /** A domain that no organization registered: the contractor's own company, a mail provider. */
        NOBODYS
    }

    /**
     * Rule 5 for a pending invitation: another organization's domain never admits, and the invitation stays pending
     * (that person joins with their own account through Keycloak's invitation link); the inviting organization's own
     * domain admits, whatever rules 6 and 8 to 9 would say; a domain that no organization owns admits once the person
     * proves the mailbox in this login ({@link Decision#mailboxProofRequired()}).
     */
    private static Decision invited(PendingInvitation invitation, DomainRules domainRules, String emailDomain,
                                    RealmSettings realm, ConfigProblems problems) {
        OrganizationFacts inviting = invitation.organization();
        InvitedDomain kind = domainRules.registered()
                .map(owner -> Objects.equals(owner.id(), inviting.id())
                        ? InvitedDomain.INVITING_ORGANIZATIONS : InvitedDomain.ANOTHER_ORGANIZATIONS)
                .orElse(InvitedDomain.NOBODYS);
        if (kind == InvitedDomain.ANOTHER_ORGANIZATIONS) {
            return Decision.of(Reason.DOMAIN_OF_ANOTHER_ORGANIZATION, inviting, emailDomain);
        }
        return provision(Reason.INVITED, inviting, OrganizationSettings.of(inviting, problems), emailDomain,
                invitation.invitationId(), realm, kind == InvitedDomain.NOBODYS);
    }

    /**
     * Rules 6 and 7, with the organization that registered the domain looked up once and only when first needed.
     * {@link #registered()} is that organization whatever the verification of its domain (rule 5 asks it);
     * {@link #owner()} is the owner by rule 6, which counts only verified domains where the realm requires them.
     */
    private static final class DomainRules {
        private final OrganizationDirectory directory;
        private final String emailDomain;
        private final RealmSettings realm;
        private final OrganizationFacts linkedOrg;
        private Optional<OrganizationFacts> registered;

        DomainRules(OrganizationDirectory directory, String emailDomain, RealmSettings realm,
                    OrganizationFacts linkedOrg) {
            this.directory = directory;
            this.emailDomain = emailDomain;
            this.realm = realm;
            this.linkedOrg = linkedOrg;
        }

        Optional<OrganizationFacts> registered() {
            if (registered == null) {
                registered = registeredOwner(directory, emailDomain);
            }
            return registered;
        }

        Optional<OrganizationFacts> owner() {
            return registered().filter(candidate -> ownsDomain(candidate, emailDomain, realm.requireVerifiedDomain()));
        }

        /** The refusal of rule 6 or 7, if one of them fires. */
        Optional<Decision> refusal() {
            if (owner().isEmpty()) {
                return Optional.of(Decision.of(Reason.DOMAIN_NOT_REGISTERED, null, emailDomain));
            }
            if (linkedOrg != null && realm.requireIdpLink() && !Objects.equals(owner().get().id(), linkedOrg.id())) {
                return Optional.of(Decision.of(Reason.IDP_NOT_LINKED, linkedOrg, emailDomain));
            }
            return Optional.empty();
        }
    }

    /** The organization that registered the domain (exact or {@code *.}), whether or not it verified it. */
    private static Optional<OrganizationFacts> registeredOwner(OrganizationDirectory directory, String emailDomain) {
        return directory.owning(emailDomain).filter(candidate -> ownsDomain(candidate, emailDomain, false));
    }

    /** Rule 6's confirmation: one of the organization's (verified, if required) domains matches. */
    private static boolean ownsDomain(OrganizationFacts organization, String emailDomain, boolean verifiedOnly) {
        return organization.domains().stream()
                .filter(domain -> domain != null && (domain.verified() || !verifiedOnly))
                .anyMatch(domain -> DomainPattern.matches(emailDomain, domain.name()));
    }

    private static Decision provision(Reason reason, OrganizationFacts organization, OrganizationSettings settings,
                                      String emailDomain, String invitationId, RealmSettings realm,
                                      boolean mailboxProofRequired) {
        List<String> roles = settings.defaultRoles().isEmpty() ? realm.fallbackDefaultRoles() : settings.defaultRoles();
        return new Decision(reason, organization, emailDomain, invitationId, roles, settings.groups(),
                mailboxProofRequired);
    }
}
