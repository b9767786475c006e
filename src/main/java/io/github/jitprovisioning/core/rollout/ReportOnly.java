package io.github.jitprovisioning.core.rollout;

import io.github.jitprovisioning.core.decision.Outcome;
import io.github.jitprovisioning.core.decision.Reason;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which refusals an organization in report-only mode lets go on as Keycloak's stock first broker login would (an
 * account from "Create User If Unique", the membership that Keycloak's "Organization Member Onboard" gives, no JIT
 * grants), and which it never does. Only refusals about the organization's own rollout are let through:
 * <ul>
 * <li>{@code email_not_verified}, {@code domain_not_registered}, {@code mailbox_unproven},
 * {@code missing_role_or_group}: the account the stock flow creates carries an address of the organization's IdP
 * that no other organization registered;</li>
 * <li>never when the identity would meet an existing account (the stock flow would offer to link it: the takeover
 * protection that keeps an organization's IdP to its own addresses is not the organization's to waive);</li>
 * <li>never for an address of a domain that another organization registered (verified or not): an account made
 * there would squat another tenant's address, and its owner's later sign-in would be offered to link to it;</li>
 * <li>never {@code missing_email} or {@code invalid_email} (the stock flow would ask the person to type an address
 * that no IdP vouched for), {@code idp_not_linked}, {@code domain_of_another_organization}, {@code username_taken}
 * (another tenant's address or account), {@code organization_disabled} (the realm admin's switch, not JIT's),
 * {@code jit_disabled} (the organization's explicit "create no one"), nor the provisioning step's own refusals
 * ({@code email_changed}, {@code provisioning_failed}), nor any reason added later unless it is listed here.</li>
 * </ul>
 */
public final class ReportOnly {

    private static final Set<Reason> LET_THROUGH = Set.copyOf(EnumSet.of(Reason.EMAIL_NOT_VERIFIED,
            Reason.DOMAIN_NOT_REGISTERED, Reason.MAILBOX_UNPROVEN, Reason.MISSING_ROLE_OR_GROUP));

    private ReportOnly() {
    }

    /** Whether report-only ever lets a refusal for {@code reason} through (then only under {@link #letsThrough}). */
    public static boolean mayLetThrough(Reason reason) {
        return reason != null && reason.outcome() == Outcome.BLOCKED && LET_THROUGH.contains(reason);
    }

    /**
     * @param reason                    the refusal the rules decided
     * @param meetsExistingAccount      an account already has the address, or the username Keycloak would create
     * @param domainOfAnotherOrganization the address's domain is registered by an organization other than the one the
     *                                  IdP is linked to (exact or {@code *.}, verified or not)
     * @return whether the login goes on as the stock flow would; {@code false}: refused as in enforce mode
     */
    public static boolean letsThrough(Reason reason, boolean meetsExistingAccount, boolean domainOfAnotherOrganization) {
        return mayLetThrough(reason) && !meetsExistingAccount && !domainOfAnotherOrganization;
    }
}
