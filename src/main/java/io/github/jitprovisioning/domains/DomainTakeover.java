package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.ClaimState;
import io.github.jitprovisioning.core.domains.DomainClaim;
import io.github.jitprovisioning.core.domains.DomainClaimRequest;
import io.github.jitprovisioning.core.domains.PublicSuffixList;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Map;

/**
 * Which organization of a realm holds a domain: a verified holder (its Keycloak flag or its verified claim) keeps it;
 * an organization that verifies a domain another holds unverified takes it over, with an audit record for the loser.
 */
record DomainTakeover(KeycloakSession session, PublicSuffixList suffixes, ClaimStore store, DomainEvents events) {

    /**
     * Before {@code org} gets the domain: another organization that holds it unverified loses it (Keycloak domain
     * and claims, with an audit record). Returns false when another organization holds it verified.
     */
    boolean takeOver(RealmModel realm, OrganizationModel org, DomainClaim claim, Actor actor) {
        DomainClaimRequest request = DomainClaimRequest.check(claim.domain(), suffixes).request();
        String base = request == null ? claim.domain() : request.baseDomain();
        if (verifiedElsewhere(realm, org, claim.domain(), base)) {
            return false;
        }
        new KeycloakDomains(organizations()).otherHolder(org, claim.domain(), base).ifPresent(other -> {
            KeycloakDomains.remove(other, claim.domain());
            events.record(realm, other.getId(), claim.domain(), "TAKEN_OVER", OperationType.DELETE, actor,
                    Map.of("by_organization_id", org.getId()));
        });
        for (DomainClaim competing : store.byDomain(realm.getId(), claim.domain())) {
            if (!competing.organizationId().equals(org.getId())) {
                store.delete(competing.id());
                events.record(realm, competing.organizationId(), claim.domain(), "TAKEN_OVER", OperationType.DELETE,
                        actor, Map.of("by_organization_id", org.getId(), "previous_state", competing.state().code()));
            }
        }
        return true;
    }

    /** Whether another organization holds the domain verified: its Keycloak flag or its verified claim. */
    boolean verifiedElsewhere(RealmModel realm, OrganizationModel org, String domain, String base) {
        boolean claimed = store.byDomain(realm.getId(), domain).stream()
                .anyMatch(c -> !c.organizationId().equals(org.getId()) && c.state() == ClaimState.VERIFIED);
        return claimed || new KeycloakDomains(organizations()).otherHolder(org, domain, base)
                .flatMap(other -> KeycloakDomains.entry(other, domain))
                .map(entry -> entry.isVerified()).orElse(false);
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }
}
