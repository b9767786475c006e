package io.github.jitprovisioning.core.decision;

/** A pending (not expired) invitation of an email address to an organization. */
public record PendingInvitation(String invitationId, OrganizationFacts organization) {
}
