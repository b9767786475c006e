package io.github.jitprovisioning.core;

/** A pending (not expired) invitation of an email address to an organization. */
public record PendingInvitation(String invitationId, OrganizationFacts organization) {
}
