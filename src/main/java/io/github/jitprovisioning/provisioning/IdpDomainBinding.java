package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.text.DomainPattern;
import io.github.jitprovisioning.core.text.EmailAddress;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.OrganizationModel;

import java.util.Optional;

/**
 * The domain an IdP link is bound to (the console's "Domain" of a linked IdP, {@code kc.org.domain}): Keycloak's
 * organization email-domain validation holds the profile of every user coming through that IdP, and of every
 * managed member linked to it, to that domain ({@code ANY}: to one of the organization's domains). An invited
 * contractor of another domain can never satisfy it: JIT keeps Keycloak's Review Profile from stopping the
 * invitee on a form that cannot be completed, and makes them an unmanaged member, as Keycloak's own invitation
 * link does, so that Keycloak's "verify profile" does not stop them at every sign-in.
 */
public final class IdpDomainBinding {

    private static final String ANY = "ANY";

    private IdpDomainBinding() {
    }

    /** Whether Keycloak's email-domain validation for {@code idp} accepts {@code email} in {@code organization}. */
    public static boolean accepts(IdentityProviderModel idp, OrganizationModel organization, String email) {
        String bound = idp == null || idp.getConfig() == null ? null
                : idp.getConfig().get(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE);
        if (bound == null || bound.isBlank()) {
            return true;
        }
        Optional<String> domain = EmailAddress.parse(email).map(EmailAddress::domain);
        if (domain.isEmpty() || organization == null) {
            return false;
        }
        return organization.getDomains()
                .filter(registered -> DomainPattern.matches(domain.get(), registered.getName()))
                .anyMatch(registered -> ANY.equals(bound) || bound.equalsIgnoreCase(registered.getName()));
    }
}
