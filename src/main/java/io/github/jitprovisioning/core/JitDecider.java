package io.github.jitprovisioning.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision rules 1 to 10 of the specification, applied in order; the first rule that fires decides.
 * Organization lookups are made only when a rule needs them.
 *
 * <p>Which organization a decision names: rules 2 to 4 name the organization the IdP is linked to (if any);
 * rule 5 the inviting organization; rule 6 none (the domain is the user's, an organization that does not own
 * it must not appear); rule 7 the IdP's organization; rules 8 to 10 the organization that owns the domain.
 * {@link Decision#emailDomain()} is the normalized domain whenever the email claim parses, whatever rule
 * decided, and {@code null} otherwise.
 */
public final class JitDecider {

    private JitDecider() {
    }

    /**
     * @param login     the brokered identity
     * @param realm     the realm-wide options
     * @param directory the organizations, looked up lazily
     * @param problems  receives unknown values in the {@code jit.*} attributes of the organizations read
     * @return the decision; never {@code null}
     */
    public static Decision decide(LoginFacts login, RealmSettings realm, OrganizationDirectory directory,
                                  ConfigProblems problems) {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(problems, "problems");

        Optional<EmailAddress> email = EmailAddress.parse(login.email());
        String emailDomain = email.map(EmailAddress::domain).orElse(null);
        Optional<OrganizationFacts> linked = directory.linkedTo(login.identityProvider());
        OrganizationFacts linkedOrg = linked.orElse(null);

        if (linked.isEmpty() && realm.unlinkedIdps() == UnlinkedIdpMode.IGNORE) {
            return Decision.of(Reason.NOT_APPLICABLE, null, emailDomain);
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

        Optional<PendingInvitation> invitation = directory.pendingInvitation(email.get().address())
                .filter(pending -> pending.organization() != null && pending.organization().enabled());
        if (invitation.isPresent()) {
            return admit(Reason.INVITED, invitation.get().organization(), emailDomain,
                    invitation.get().invitationId(), realm, problems);
        }

        Optional<OrganizationFacts> owner = directory.owning(emailDomain)
                .filter(candidate -> ownsDomain(candidate, emailDomain, realm.requireVerifiedDomain()));
        if (owner.isEmpty()) {
            return Decision.of(Reason.DOMAIN_NOT_REGISTERED, null, emailDomain);
        }
        OrganizationFacts organization = owner.get();
        if (linked.isPresent() && realm.requireIdpLink() && !Objects.equals(organization.id(), linkedOrg.id())) {
            return Decision.of(Reason.IDP_NOT_LINKED, linkedOrg, emailDomain);
        }
        if (!organization.enabled()) {
            return Decision.of(Reason.ORGANIZATION_DISABLED, organization, emailDomain);
        }
        OrganizationSettings settings = OrganizationSettings.of(organization, problems);
        if (!settings.jitEnabled()) {
            return Decision.of(Reason.JIT_DISABLED, organization, emailDomain);
        }
        return provision(Reason.PROVISIONED, organization, settings, emailDomain, null, realm);
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
