package io.github.jitprovisioning.core;

/**
 * The decision's window on Keycloak's users: whether a brokered identity would meet an account that already
 * exists (by its address, or by the username Keycloak would give it). Such an account is not JIT's to decide:
 * Keycloak's own link steps are. The authenticator implements it over Keycloak's user store; unit tests with
 * lambdas.
 */
@FunctionalInterface
public interface ExistingAccounts {

    /** No account exists for anyone: the provisioning step's re-check, after the user was created. */
    ExistingAccounts NONE = email -> false;

    /**
     * @param email the email claim as rule 3 parsed it, or {@code null} when it does not parse (then only the
     *              username can match)
     * @return whether a user already has this address or the username Keycloak would give
     */
    boolean exist(EmailAddress email);
}
