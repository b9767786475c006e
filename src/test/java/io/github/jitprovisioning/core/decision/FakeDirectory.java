package io.github.jitprovisioning.core.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.jitprovisioning.core.text.DomainPattern;

/**
 * An organization directory over maps that counts its lookups. {@link #owning(String)} answers like Keycloak:
 * the first organization with a domain that matches; {@link #claimOwner(OrganizationFacts)} makes it answer
 * with a given organization instead, to test that the decider confirms the answer.
 */
final class FakeDirectory implements OrganizationDirectory {

    private final Map<String, OrganizationFacts> linkedByIdp = new HashMap<>();
    private final List<OrganizationFacts> organizations = new ArrayList<>();
    private final Map<String, PendingInvitation> invitations = new HashMap<>();
    private OrganizationFacts claimedOwner;

    int linkedLookups;
    int owningLookups;
    int invitationLookups;
    final List<String> owningQueries = new ArrayList<>();
    final List<String> invitationQueries = new ArrayList<>();
    final List<String> invitationOrganizations = new ArrayList<>();

    FakeDirectory organization(OrganizationFacts organization) {
        organizations.add(organization);
        return this;
    }

    FakeDirectory link(String idpAlias, OrganizationFacts organization) {
        linkedByIdp.put(idpAlias, organization);
        return organization(organization);
    }

    /** An invitation of {@code address} to {@code organization}, found only when that organization is searched. */
    FakeDirectory invite(String address, String invitationId, OrganizationFacts organization) {
        invitations.put(organization.id() + " " + address, new PendingInvitation(invitationId, organization));
        return this;
    }

    FakeDirectory claimOwner(OrganizationFacts organization) {
        claimedOwner = organization;
        return this;
    }

    int lookups() {
        return linkedLookups + owningLookups + invitationLookups;
    }

    @Override
    public Optional<OrganizationFacts> linkedTo(String identityProviderAlias) {
        linkedLookups++;
        return Optional.ofNullable(linkedByIdp.get(identityProviderAlias));
    }

    @Override
    public Optional<OrganizationFacts> owning(String asciiDomain) {
        owningLookups++;
        owningQueries.add(asciiDomain);
        if (claimedOwner != null) {
            return Optional.of(claimedOwner);
        }
        return organizations.stream()
                .filter(org -> org.domains().stream().anyMatch(d -> DomainPattern.matches(asciiDomain, d.name())))
                .findFirst();
    }

    @Override
    public Optional<PendingInvitation> pendingInvitation(String address, OrganizationFacts organization) {
        invitationLookups++;
        invitationQueries.add(address);
        invitationOrganizations.add(organization.id());
        return Optional.ofNullable(invitations.get(organization.id() + " " + address));
    }
}
