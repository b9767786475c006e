package io.github.jitprovisioning.core.decision;

import io.github.jitprovisioning.core.text.DomainName;
import io.github.jitprovisioning.core.text.EmailAddress;
import java.util.Optional;

/**
 * The decision's window on Keycloak's organizations. The authenticator implements it over
 * {@code OrganizationProvider}; unit tests implement it over maps. Lookups are made lazily, only when a rule
 * needs them, so a login that an early rule decides costs no organization query.
 */
public interface OrganizationDirectory {

    /** The organization that the identity provider is linked to, if any. */
    Optional<OrganizationFacts> linkedTo(String identityProviderAlias);

    /**
     * The organization that owns the domain by Keycloak's rule (exact, or a {@code *.} wildcard), if any.
     *
     * @param asciiDomain a domain already normalized by {@link DomainName#normalize(String)}
     */
    Optional<OrganizationFacts> owning(String asciiDomain);

    /**
     * A pending (not expired) invitation of this address to this organization, if any. The decision asks only
     * for organizations the IdP may speak for (rule 5), never for the others.
     *
     * @param address      the normalized address ({@link EmailAddress#address()})
     * @param organization the organization whose invitations are searched
     */
    Optional<PendingInvitation> pendingInvitation(String address, OrganizationFacts organization);
}
