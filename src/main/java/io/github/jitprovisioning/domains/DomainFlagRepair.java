package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.ClaimState;
import io.github.jitprovisioning.core.domains.DomainClaim;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.Optional;

/**
 * Keycloak's verified flag follows the claims: an organization saved with {@code verified=false} (as the admin
 * console saves them) gets the flag back for every verified claim; a verified claim whose domain a change of the
 * organization removed is removed too, but only by the transaction that made the change.
 */
final class DomainFlagRepair {

    private static final Logger LOG = Logger.getLogger(DomainVerificationService.class);

    private final ClaimStore store;
    private final DomainEvents events;

    DomainFlagRepair(ClaimStore store, DomainEvents events) {
        this.store = store;
        this.events = events;
    }

    int repair(RealmModel realm, OrganizationModel org, boolean authoritative) {
        int repaired = 0;
        for (DomainClaim claim : store.verifiedOf(realm.getId(), org.getId())) {
            if (KeycloakDomains.entry(org, claim.domain()).isEmpty()) {
                if (!authoritative || !removedFromOrganization(org, claim)) {
                    continue;
                }
                store.delete(claim.id());
                events.record(realm, org.getId(), claim.domain(), "REMOVED", OperationType.DELETE, Actor.SYSTEM,
                        Map.of("previous_state", claim.state().code(), "reason", "removed-from-organization"));
            } else if (KeycloakDomains.setVerified(org, claim.domain(), true)) {
                repaired++;
                LOG.debugf("repaired the verified flag of %s in organization %s", claim.domain(), org.getId());
                events.record(realm, org.getId(), claim.domain(), "FLAG_REPAIRED", OperationType.UPDATE,
                        Actor.SYSTEM, Map.of("state", claim.state().code()));
            }
        }
        return repaired;
    }

    /**
     * Whether the change of {@code org} removed the domain of the verified {@code claim}: decided on the database as
     * it is now, not on the organization as this transaction read it, which may predate a verification that another
     * transaction (a background check, "verify now") committed meanwhile. The claim is locked first (a verification
     * in flight finishes), then the organization's domains are read again (this transaction's own changes included).
     */
    private boolean removedFromOrganization(OrganizationModel org, DomainClaim claim) {
        Optional<DomainClaim> locked = store.lockById(claim.id());
        if (locked.isEmpty() || locked.get().state() != ClaimState.VERIFIED) {
            return false;
        }
        boolean present = store.keycloakDomainsOf(org.getId()).stream().anyMatch(d -> d.equalsIgnoreCase(claim.domain()));
        if (present) {
            LOG.debugf("organization %s was saved from a view without %s, which a verification added meanwhile: "
                    + "the claim stays", org.getId(), claim.domain());
        }
        return !present;
    }
}
