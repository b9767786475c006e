package io.github.jitprovisioning.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision rules 1 to 10 of the specification, applied in order; the first rule that fires decides.
 * Organization lookups are made only when a rule needs them.
 *
 * <p>An address (or username) that already belongs to a Keycloak user is not JIT's to decide
 * ({@link Reason#EXISTING_ACCOUNT}): Keycloak's link steps are. Where that check sits depends on the IdP. For
 * an IdP linked to no organization it comes first, as for any login JIT does not judge. For an IdP linked to
 * an organization, rules 2 to 4 and 6 to 7 come first: an organization's IdP may only vouch for addresses of
 * its own organization, for existing accounts too, so another tenant's address is refused before Keycloak
 * could show "account exists" or mail the real owner a link.
 *
 * <p>Rule 5 (an invitation) admits only through an IdP that may speak for the inviting organization: the
 * organization linked to the IdP, or, for an IdP linked to no organization under {@code match by domain}, the
 * organization that owns the domain. Another organization's invitation is never even looked up.
 *
 * <p>Which organization a decision names: rules 2 to 4 name the organization the IdP is linked to (if any);
 * rule 5 the inviting organization; rule 6 none (the domain is the user's, an organization that does not own
 * it must not appear); rule 7 the IdP's organization; rules 8 to 10 the organization that owns the domain; an
 * existing account none. {@link Decision#emailDomain()} is the normalized domain whenever the email claim
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
            if (accounts.exist(email.orElse(null))) {
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
        if (linked.isPresent() && accounts.exist(email.get())) {
            return domainRules.refusal().orElse(Decision.of(Reason.EXISTING_ACCOUNT, null, emailDomain));
        }

        OrganizationFacts mayInvite = linked.isPresent() ? linkedOrg : domainRules.owner().orElse(null);
        Optional<PendingInvitation> invitation = mayInvite == null || !mayInvite.enabled() ? Optional.empty()
                : directory.pendingInvitation(email.get().address(), mayInvite)
                        .filter(pending -> pending.organization() != null && pending.organization().enabled()
                                && Objects.equals(pending.organization().id(), mayInvite.id()));
        if (invitation.isPresent()) {
            Decision invited = admit(Reason.INVITED, invitation.get().organization(), emailDomain,
                    invitation.get().invitationId(), realm, problems);
            // Rule 5, third branch: a domain that no organization owns (registered or not, verified or not) proves
            // nothing about the person; the invitation admits only once the mailbox is proven in this login.
            return domainRules.anyOwner().isEmpty() ? invited.withMailboxProofRequired() : invited;
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
        return provision(Reason.PROVISIONED, organization, settings, emailDomain, null, realm);
    }

    /** Rules 6 and 7, with the owning organization looked up once and only when first needed. */
    private static final class DomainRules {
        private final OrganizationDirectory directory;
        private final String emailDomain;
        private final RealmSettings realm;
        private final OrganizationFacts linkedOrg;
        private Optional<OrganizationFacts> owner;
        private Optional<OrganizationFacts> anyOwner;

        DomainRules(OrganizationDirectory directory, String emailDomain, RealmSettings realm,
                    OrganizationFacts linkedOrg) {
            this.directory = directory;
            this.emailDomain = emailDomain;
            this.realm = realm;
            this.linkedOrg = linkedOrg;
        }

        Optional<OrganizationFacts> owner() {
            if (owner == null) {
                owner = anyOwner()
                        .filter(candidate -> ownsDomain(candidate, emailDomain, realm.requireVerifiedDomain()));
            }
            return owner;
        }

        /** The organization that registered the domain (exact or {@code *.}), verified or not; looked up once. */
        Optional<OrganizationFacts> anyOwner() {
            if (anyOwner == null) {
                anyOwner = directory.owning(emailDomain).filter(candidate -> ownsDomain(candidate, emailDomain, false));
            }
            return anyOwner;
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

    /** Rule 6's confirmation: one of the organization's (verified, if required) domains matches. */
    private static boolean ownsDomain(OrganizationFacts organization, String emailDomain, boolean verifiedOnly) {
        return organization.domains().stream()
                .filter(domain -> domain != null && (domain.verified() || !verifiedOnly))
                .anyMatch(domain -> DomainPattern.matches(emailDomain, domain.name()));
    }

    private static Decision admit(Reason reason, OrganizationFacts organization, String emailDomain,
                                  String invitationId, RealmSettings realm, ConfigProblems problems) {
        return provision(reason, organization, OrganizationSettings.of(organization, problems), emailDomain,
                invitationId, realm);
    }

    private static Decision provision(Reason reason, OrganizationFacts organization, OrganizationSettings settings,
                                      String emailDomain, String invitationId, RealmSettings realm) {
        List<String> roles = settings.defaultRoles().isEmpty() ? realm.fallbackDefaultRoles() : settings.defaultRoles();
        return new Decision(reason, organization, emailDomain, invitationId, roles, settings.groups());
    }
}
