package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.audit.DomainAudit;
import io.github.jitprovisioning.core.domains.ClaimPolicy.Transition;
import io.github.jitprovisioning.core.domains.ClaimState;
import io.github.jitprovisioning.core.domains.DomainClaim;
import io.github.jitprovisioning.core.domains.TxtCheck;
import io.github.jitprovisioning.provisioning.UnknownDomains;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a DNS check (verify now or the background check) changes: the claim's next state by the policy, Keycloak's
 * verified flag (set after a takeover, cleared when the verification is lost), the check's metric and audit record.
 */
record CheckResults(KeycloakSession session, DomainVerificationConfig config, ClaimStore store, DomainEvents events,
                    DomainTakeover takeover) {

    private static final Logger LOG = Logger.getLogger(DomainVerificationService.class);

    DomainClaim apply(RealmModel realm, DomainClaim claim, TxtCheck.Result result, Instant now, Actor actor,
                      boolean background) {
        Transition t = config.policy().afterCheck(claim, result.outcome(), now);
        DomainAudit.countCheck(realm.getName(), result.outcome().code(), background);
        LOG.debugf("DNS check of %s (organization %s): %s, %s -> %s", claim.domain(), claim.organizationId(),
                result.detail(), claim.state().code(), t.claim().state().code());
        OrganizationModel org = organizations().getById(claim.organizationId());
        DomainClaim after = t.claim();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("state", after.state().code());
        details.put("check", result.outcome().code());
        switch (t.change()) {
            case VERIFIED -> {
                if (org == null || !takeover.takeOver(realm, org, after, actor)) {
                    // another organization registered it verified meanwhile: keep the claim as it was
                    after = claim.state() == ClaimState.VERIFIED ? t.claim() : withCheck(claim, result, now);
                    store.save(after);
                    return after;
                }
                KeycloakDomains.setVerified(org, after.domain(), true);
                UnknownDomains.forget(session, realm.getId());
                events.record(realm, claim.organizationId(), after.domain(), "VERIFIED", OperationType.UPDATE,
                        actor, details);
            }
            case VERIFICATION_LOST -> {
                if (org != null) {
                    KeycloakDomains.unverify(org, after.domain());
                }
                details.put("negative_answers", String.valueOf(claim.negatives() + 1));
                events.record(realm, claim.organizationId(), after.domain(), "VERIFICATION_LOST",
                        OperationType.UPDATE, actor, details);
            }
            case FAILED -> events.record(realm, claim.organizationId(), after.domain(), "FAILED",
                    OperationType.UPDATE, actor, details);
            default -> {
            }
        }
        store.save(after);
        return after;
    }

    private static DomainClaim withCheck(DomainClaim claim, TxtCheck.Result result, Instant now) {
        return new DomainClaim(claim.id(), claim.realmId(), claim.organizationId(), claim.domain(), claim.token(),
                claim.state(), claim.createdAt(), claim.pendingSince(), claim.verifiedAt(), claim.failedAt(), now,
                result.outcome(), claim.lastManualCheckAt(), claim.negatives(), claim.firstNegativeAt(),
                claim.verifiedByHand());
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }
}
