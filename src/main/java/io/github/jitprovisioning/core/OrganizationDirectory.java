package io.github.jitprovisioning.core;

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
     * A pending invitation for this address to an enabled organization, if any.
     *
     * @param address the normalized address ({@link EmailAddress#address()})
     */
    Optional<PendingInvitation> pendingInvitation(String address);
}
