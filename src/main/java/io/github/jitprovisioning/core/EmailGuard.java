package io.github.jitprovisioning.core;

import java.util.List;
import java.util.Objects;

/**
 * What profile sync needs to judge an email change.
 *
 * @param organizationDomains the organization's registered domains as Keycloak stores them (exact or
 *                            {@code *.}-prefixed); an email may only move within them
 * @param owners              who already holds an address (asked only for a change that passed the other checks)
 * @param newEmailTrusted     whether rule 4 accepts the email of this login: the IdP asserted
 *                            {@code email_verified=true} for it in the same token, or has Trust Email on
 */
public record EmailGuard(List<String> organizationDomains, EmailOwners owners, boolean newEmailTrusted) {

    /** Looks up whether an address already belongs to another user of the realm. */
    @FunctionalInterface
    public interface EmailOwners {
        /** @param address a normalized address ({@link EmailAddress#address()}) */
        boolean heldByAnotherUser(String address);
    }

    public EmailGuard {
        organizationDomains = organizationDomains == null ? List.of() : List.copyOf(organizationDomains);
        Objects.requireNonNull(owners, "owners");
    }
}
