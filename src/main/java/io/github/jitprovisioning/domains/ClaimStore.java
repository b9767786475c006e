package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.CheckOutcome;
import io.github.jitprovisioning.core.domains.ClaimPolicy;
import io.github.jitprovisioning.core.domains.ClaimState;
import io.github.jitprovisioning.core.domains.DomainClaim;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The claims in {@code JIT_DOMAIN_CLAIM}, through the session's entity manager (and so its transaction). */
final class ClaimStore {

    private final EntityManager em;

    ClaimStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    List<DomainClaim> byOrganization(String realmId, String organizationId) {
        return em.createNamedQuery("jitDomainClaimsByOrganization", JitDomainClaimEntity.class)
                .setParameter("realmId", realmId).setParameter("organizationId", organizationId)
                .getResultStream().map(ClaimStore::claim).toList();
    }

    List<DomainClaim> byDomain(String realmId, String domain) {
        return em.createNamedQuery("jitDomainClaimsByDomain", JitDomainClaimEntity.class)
                .setParameter("realmId", realmId).setParameter("domain", domain)
                .getResultStream().map(ClaimStore::claim).toList();
    }

    Optional<DomainClaim> find(String realmId, String organizationId, String domain) {
        return byDomain(realmId, domain).stream().filter(c -> c.organizationId().equals(organizationId)).findFirst();
    }

    /**
     * The claim read again and locked ({@code SELECT ... FOR UPDATE}) until the transaction ends, so that a manual and
     * a background check of the same claim cannot overwrite each other's result.
     */
    Optional<DomainClaim> lockById(String id) {
        return lockCandidate(id).map(Candidate::claim);
    }

    /** A claim the background check may look at, and when a run took it for a check in flight ({@code null}: none). */
    record Candidate(DomainClaim claim, Instant takenAt) {
    }

    /**
     * The claims a background run may take at {@code now} ({@link ClaimPolicy#takeBounds}, the query's condition),
     * most overdue first ({@link ClaimPolicy#dueAt}), at most {@code max}; in every realm.
     */
    List<Candidate> due(ClaimPolicy policy, Instant now, int max) {
        return due("jitDomainClaimsDue", null, policy, now, max);
    }

    /** {@link #due} in the given realms only. */
    List<Candidate> dueIn(Set<String> realmIds, ClaimPolicy policy, Instant now, int max) {
        return due("jitDomainClaimsDueInRealms", realmIds, policy, now, max);
    }

    /** {@link #due} in every realm but the given ones. */
    List<Candidate> dueOutside(Set<String> realmIds, ClaimPolicy policy, Instant now, int max) {
        return due("jitDomainClaimsDueOutsideRealms", realmIds, policy, now, max);
    }

    private List<Candidate> due(String query, Set<String> realmIds, ClaimPolicy policy, Instant now, int max) {
        ClaimPolicy.TakeBounds bounds = policy.takeBounds(now);
        TypedQuery<JitDomainClaimEntity> due = em.createNamedQuery(query, JitDomainClaimEntity.class)
                .setParameter("pendingBound", bounds.pendingBound().toEpochMilli()) // rounded down: see TakeBounds
                .setParameter("verifiedBound", bounds.verifiedBound().toEpochMilli())
                .setParameter("pendingInterval", policy.pendingInterval().toMillis())
                .setParameter("verifiedInterval", policy.verifiedInterval().toMillis())
                .setMaxResults(max);
        if (realmIds != null) {
            due.setParameter("realmIds", realmIds);
        }
        return due.getResultStream().map(ClaimStore::candidate).toList();
    }

    /** The claim and its take, read again and locked ({@code SELECT ... FOR UPDATE}) until the transaction ends. */
    Optional<Candidate> lockCandidate(String id) {
        JitDomainClaimEntity entity = em.find(JitDomainClaimEntity.class, id);
        if (entity == null) {
            return Optional.empty();
        }
        em.refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        return Optional.of(candidate(entity));
    }

    /** Marks the claim taken by a background run at {@code at}, or no longer taken ({@code null}). */
    void setTaken(String id, Instant at) {
        JitDomainClaimEntity entity = em.find(JitDomainClaimEntity.class, id);
        if (entity != null) {
            entity.setCheckTakenAt(millis(at));
            em.flush();
        }
    }

    /** How many claims the organization has, in any state. */
    long countOfOrganization(String realmId, String organizationId) {
        return em.createQuery("select count(c) from JitDomainClaimEntity c where c.realmId = :realmId"
                        + " and c.organizationId = :organizationId", Long.class)
                .setParameter("realmId", realmId).setParameter("organizationId", organizationId).getSingleResult();
    }

    /** Every claim of the realm: organization, domain and state (for the look-alike check). */
    List<DomainClaim> byRealm(String realmId) {
        return em.createQuery("select c from JitDomainClaimEntity c where c.realmId = :realmId",
                        JitDomainClaimEntity.class)
                .setParameter("realmId", realmId).getResultStream().map(ClaimStore::claim).toList();
    }

    /** The names of every Keycloak organization domain of the realm, read from the database. */
    List<String> keycloakDomainsOfRealm(String realmId) {
        return em.createQuery("select d.name from OrganizationDomainEntity d where d.organization.realmId = :realmId",
                String.class).setParameter("realmId", realmId).getResultList();
    }

    /**
     * The organization's Keycloak domains as the database has them now (this transaction's own changes included),
     * not as an organization model read earlier in the transaction saw them.
     */
    List<String> keycloakDomainsOf(String organizationId) {
        return em.createQuery("select d.name from OrganizationDomainEntity d where d.organization.id = :id",
                String.class).setParameter("id", organizationId).getResultList();
    }

    List<DomainClaim> verifiedOf(String realmId, String organizationId) {
        return em.createNamedQuery("jitDomainClaimsVerifiedByOrganization", JitDomainClaimEntity.class)
                .setParameter("realmId", realmId).setParameter("organizationId", organizationId)
                .getResultStream().map(ClaimStore::claim).toList();
    }

    void save(DomainClaim claim) {
        JitDomainClaimEntity entity = em.find(JitDomainClaimEntity.class, claim.id());
        boolean create = entity == null;
        if (create) {
            entity = new JitDomainClaimEntity();
            entity.setId(claim.id());
        }
        entity.setRealmId(claim.realmId());
        entity.setOrganizationId(claim.organizationId());
        entity.setDomain(claim.domain());
        entity.setToken(claim.token());
        entity.setState(claim.state().code());
        entity.setCreatedAt(claim.createdAt().toEpochMilli());
        entity.setPendingSince(claim.pendingSince().toEpochMilli());
        entity.setVerifiedAt(millis(claim.verifiedAt()));
        entity.setFailedAt(millis(claim.failedAt()));
        entity.setLastCheckedAt(millis(claim.lastCheckedAt()));
        entity.setLastOutcome(claim.lastOutcome() == null ? null : claim.lastOutcome().code());
        entity.setLastManualCheckAt(millis(claim.lastManualCheckAt()));
        entity.setNegatives(claim.negatives());
        entity.setFirstNegativeAt(millis(claim.firstNegativeAt()));
        entity.setVerifiedByHand(claim.verifiedByHand());
        if (create) {
            em.persist(entity);
        }
        em.flush();
    }

    void delete(String id) {
        JitDomainClaimEntity entity = em.find(JitDomainClaimEntity.class, id);
        if (entity != null) {
            em.remove(entity);
            em.flush();
        }
    }

    void deleteOrganization(String realmId, String organizationId) {
        em.createNamedQuery("jitDomainClaimsDeleteByOrganization")
                .setParameter("realmId", realmId).setParameter("organizationId", organizationId).executeUpdate();
    }

    private static Candidate candidate(JitDomainClaimEntity e) {
        return new Candidate(claim(e), instant(e.getCheckTakenAt()));
    }

    private static DomainClaim claim(JitDomainClaimEntity e) {
        return new DomainClaim(e.getId(), e.getRealmId(), e.getOrganizationId(), e.getDomain(), e.getToken(),
                ClaimState.parse(e.getState()).orElse(ClaimState.FAILED), Instant.ofEpochMilli(e.getCreatedAt()),
                Instant.ofEpochMilli(e.getPendingSince()), instant(e.getVerifiedAt()), instant(e.getFailedAt()),
                instant(e.getLastCheckedAt()), e.getLastOutcome() == null ? null
                : CheckOutcome.parse(e.getLastOutcome()).orElse(CheckOutcome.ERROR),
                instant(e.getLastManualCheckAt()), e.getNegatives(), instant(e.getFirstNegativeAt()),
                e.isVerifiedByHand());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
