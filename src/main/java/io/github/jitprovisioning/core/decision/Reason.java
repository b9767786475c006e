package io.github.jitprovisioning.core.decision;

/**
 * Why JIT decided as it did; the value of the {@code jit_reason} event detail. The codes are a public
 * contract (README, events, metrics): never rename one.
 */
public enum Reason {
    /** Rule 1: the IdP is linked to no organization and the realm ignores such IdPs. */
    NOT_APPLICABLE("not_applicable", Outcome.NOT_APPLICABLE),
    /** Rule 2. */
    MISSING_EMAIL("missing_email", Outcome.BLOCKED),
    /** Rule 3. */
    INVALID_EMAIL("invalid_email", Outcome.BLOCKED),
    /** Rule 4. */
    EMAIL_NOT_VERIFIED("email_not_verified", Outcome.BLOCKED),
    /** Rule 5. */
    INVITED("invited", Outcome.INVITED),
    /**
     * Rule 5: the invited address belongs to a domain that another organization registered (exact or {@code *.},
     * verified or not). An invitation never vouches for another tenant's address; the invitation stays pending.
     */
    DOMAIN_OF_ANOTHER_ORGANIZATION("domain_of_another_organization", Outcome.BLOCKED),
    /** Rule 6. */
    DOMAIN_NOT_REGISTERED("domain_not_registered", Outcome.BLOCKED),
    /** Rule 7. */
    IDP_NOT_LINKED("idp_not_linked", Outcome.BLOCKED),
    /** Rule 8. */
    ORGANIZATION_DISABLED("organization_disabled", Outcome.BLOCKED),
    /** Rule 9. */
    JIT_DISABLED("jit_disabled", Outcome.BLOCKED),
    /** Rule 10. */
    PROVISIONED("provisioned", Outcome.PROVISIONED),
    /** A configured role or group does not exist (or may not be granted) and the realm says {@code block}. */
    MISSING_ROLE_OR_GROUP("missing_role_or_group", Outcome.BLOCKED),
    /**
     * The email (or username) already belongs to a Keycloak user: not JIT's to decide. Keycloak's own link
     * steps (confirm, re-authenticate or verify by email) handle it; JIT never links accounts. Through an IdP
     * linked to an organization only after rules 2 to 4 and 6 to 7 passed.
     */
    EXISTING_ACCOUNT("existing_account", Outcome.NOT_APPLICABLE),
    /**
     * Through an organization's IdP, the username Keycloak would give the new user belongs to an account with another
     * address that is no member of the IdP's organization: never offered for linking (no "already exists" page, no
     * link mail). Checked where the existing-account check sits, after rules 2 to 4 and 6 to 7.
     */
    USERNAME_TAKEN("username_taken", Outcome.BLOCKED),
    /**
     * The provisioning step found that the user Keycloak created has another address than the one that was
     * judged (edited on Keycloak's Review Profile form, or stored otherwise): refused and rolled back.
     */
    EMAIL_CHANGED("email_changed", Outcome.BLOCKED),
    /**
     * The provisioning step failed at run time after Keycloak created the user (a database or model error):
     * refused and rolled back, so no user is left without its membership.
     */
    PROVISIONING_FAILED("provisioning_failed", Outcome.BLOCKED),
    /**
     * Rule 5, an invitation of an address of a domain that no organization owns: the person must prove the mailbox
     * in this login (a one-time link mailed to the invited address), and the realm has no mail server to send it.
     */
    MAILBOX_UNPROVEN("mailbox_unproven", Outcome.BLOCKED),
    /**
     * The organization provisioned as many users in this hour as its rate cap allows (docs/guardrails.md, "Rate cap"):
     * nothing is created, and JIT for the organization stays paused until the hour ends or a realm admin resumes it.
     */
    RATE_LIMITED("rate_limited", Outcome.BLOCKED),
    /** Profile sync wrote the changed fields of a known user. */
    SYNCED("synced", Outcome.SYNCED);

    private final String code;
    private final Outcome outcome;

    Reason(String code, Outcome outcome) {
        this.code = code;
        this.outcome = outcome;
    }

    public String code() {
        return code;
    }

    public Outcome outcome() {
        return outcome;
    }
}
