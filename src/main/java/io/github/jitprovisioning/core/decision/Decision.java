package io.github.jitprovisioning.core.decision;

import java.util.List;

/**
 * The answer of {@link JitDecider}: what to do with a brokered identity that Keycloak does not know yet.
 *
 * @param reason         why; its {@link Reason#outcome()} says what
 * @param organization   the organization the user is admitted into, or that the decision is about; {@code null}
 *                       when no organization is involved (or when naming it would leak one the user did not bring)
 * @param emailDomain    the normalized (ASCII, lower-case) domain of the email, or {@code null} when there is none
 * @param invitationId   the invitation that admitted the user (reason {@link Reason#INVITED}), otherwise {@code null}
 * @param roles          the roles to grant, as configured ({@code realmRole} or {@code clientId.roleName})
 * @param groups         the groups to join, as configured (a group path or an organization group name)
 * @param mailboxProofRequired for {@link Reason#INVITED}: the invited address belongs to a domain that no organization
 *                       owns, so rule 5 admits it only once the person proves the mailbox in this login; {@code false}
 *                       for an address of the inviting organization's own domains and for every other reason
 */
public record Decision(Reason reason, OrganizationFacts organization, String emailDomain, String invitationId,
                       List<String> roles, List<String> groups, boolean mailboxProofRequired) {

    public Decision {
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
    }

    /** A decision that asks for no mailbox proof. */
    public Decision(Reason reason, OrganizationFacts organization, String emailDomain, String invitationId,
                    List<String> roles, List<String> groups) {
        this(reason, organization, emailDomain, invitationId, roles, groups, false);
    }

    public Outcome outcome() {
        return reason.outcome();
    }

    /** Whether the user may be created: provisioned or invited. */
    public boolean admits() {
        return reason.outcome() == Outcome.PROVISIONED || reason.outcome() == Outcome.INVITED;
    }

    public static Decision of(Reason reason, OrganizationFacts organization, String emailDomain) {
        return new Decision(reason, organization, emailDomain, null, List.of(), List.of());
    }
}
