package io.github.jitprovisioning.core.sync;

import io.github.jitprovisioning.core.text.EmailAddress;
import java.util.List;
import java.util.Objects;

/**
 * What profile sync needs to judge an email change.
 *
 * @param organizationDomains the organization's registered domains as Keycloak stores them (exact or
 *                            {@code *.}-prefixed); an email may only move within them
 * @param owners              who already holds an address (asked only for a change that passed the other checks)
 * @param trustEmail          the IdP has Trust Email on: rule 4 accepts any address it sends
 * @param verifiedAddress     the address for which the IdP asserted {@code email_verified=true} in the same token
 *                            (rule 4), or {@code null}; compared as {@link EmailAddress#address()}
 * @param unverifiedDomains   the organization's domains that do not count because the realm requires verified
 *                            domains (named in the skip, so an administrator sees why); not in
 *                            {@code organizationDomains}
 */
public record EmailGuard(List<String> organizationDomains, EmailOwners owners, boolean trustEmail,
                         String verifiedAddress, List<String> unverifiedDomains) {

    /** Looks up whether an address already belongs to another user of the realm. */
    @FunctionalInterface
    public interface EmailOwners {
        /** @param address a normalized address ({@link EmailAddress#address()}) */
        boolean heldByAnotherUser(String address);
    }

    public EmailGuard {
        organizationDomains = organizationDomains == null ? List.of() : List.copyOf(organizationDomains);
        Objects.requireNonNull(owners, "owners");
        unverifiedDomains = unverifiedDomains == null ? List.of() : List.copyOf(unverifiedDomains);
    }

    /** A guard for a realm that counts every organization domain, verified or not. */
    public EmailGuard(List<String> organizationDomains, EmailOwners owners, boolean trustEmail, String verifiedAddress) {
        this(organizationDomains, owners, trustEmail, verifiedAddress, List.of());
    }

    /** Whether rule 4 accepts {@code address} as verified. */
    public boolean vouchesFor(EmailAddress address) {
        return trustEmail || (verifiedAddress != null
                && EmailAddress.parse(verifiedAddress).map(EmailAddress::address).equals(java.util.Optional.of(address.address())));
    }
}
