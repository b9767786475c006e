package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.ClaimPolicy;
import io.github.jitprovisioning.core.domains.DomainClaim;
import io.github.jitprovisioning.core.domains.DomainClaimRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which claims a background run checks: at most {@code check-batch}, the most overdue first, each taken under its
 * row lock so that no other run, on this node or another, checks it at the same time; and given back when the run
 * will not check it.
 */
record DueChecks(KeycloakSession session, DomainVerificationConfig config, ClaimStore store, DomainClock clock) {

    /** What the background check needs of a claim, read in one transaction and used outside it. */
    record DueCheck(String claimId, String realmId, String recordName, String token) {
    }

    /**
     * Takes the due claims for this run (at most {@code check-batch}, the most overdue first): each is read again,
     * locked and marked taken in this transaction, so that no other run, on this node or another, takes it again
     * before its check has written its result. Claims are locked in the order of their ids, the same in every run.
     */
    List<DueCheck> take() {
        Instant real = Instant.now();
        List<DueCheck> taken = new ArrayList<>();
        List<DomainClaim> due = dueClaims(real).stream().sorted(Comparator.comparing(DomainClaim::id)).toList();
        for (DomainClaim claim : due) {
            RealmModel realm = session.realms().getRealm(claim.realmId());
            if (realm == null) {
                continue; // removed meanwhile
            }
            Instant now = real.plus(clock.offset(realm));
            Optional<ClaimStore.Candidate> fresh = store.lockCandidate(claim.id());
            if (fresh.isPresent() && config.policy().mayTake(fresh.get().claim(), fresh.get().takenAt(), now)) {
                store.setTaken(claim.id(), now);
                taken.add(new DueCheck(claim.id(), claim.realmId(),
                        DomainClaimRequest.recordName(clock.prefix(realm), fresh.get().claim().domain()),
                        fresh.get().claim().token()));
            }
        }
        return taken;
    }

    /** Gives back claims this run took but will not check: the next run may take them. */
    void release(List<DueCheck> checks) {
        checks.forEach(check -> store.setTaken(check.claimId(), null));
    }

    /**
     * The claims a run may take at {@code real} (this machine's time), at most {@code check-batch}, the most overdue
     * first: the database selects only claims that {@link ClaimPolicy#mayTake} may take ({@link ClaimStore#due}, by
     * the bounds of {@link ClaimPolicy#takeBounds}), so that claims that are not due (verified by hand, checked
     * recently, taken by another run) never fill a batch; the policy has the last word. With {@code test-clock}, the
     * realms whose clock is moved are selected each at their own time, the other realms at {@code real}.
     */
    private List<DomainClaim> dueClaims(Instant real) {
        ClaimPolicy policy = config.policy();
        Map<String, Duration> moved = config.testClock() ? movedClocks() : Map.of();
        Function<DomainClaim, Duration> offset = claim -> moved.getOrDefault(claim.realmId(), Duration.ZERO);
        return selected(real, moved).stream()
                .filter(candidate -> session.realms().getRealm(candidate.claim().realmId()) != null
                        && policy.mayTake(candidate.claim(), candidate.takenAt(),
                        real.plus(offset.apply(candidate.claim()))))
                .map(ClaimStore.Candidate::claim)
                .sorted(Comparator.comparing((DomainClaim claim) -> policy.dueAt(claim)
                                .map(at -> at.minus(offset.apply(claim))).orElse(Instant.MAX))
                        .thenComparing(DomainClaim::id))
                .limit(config.checkBatch())
                .toList();
    }

    /** What the database selects: one query for every realm, or, with moved test clocks, one per clock. */
    private List<ClaimStore.Candidate> selected(Instant real, Map<String, Duration> moved) {
        ClaimPolicy policy = config.policy();
        int max = config.checkBatch();
        if (moved.isEmpty()) {
            return store.due(policy, real, max);
        }
        List<ClaimStore.Candidate> found = new ArrayList<>(store.dueOutside(moved.keySet(), policy, real, max));
        moved.entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toSet())))
                .forEach((offset, realmIds) -> found.addAll(store.dueIn(realmIds, policy, real.plus(offset), max)));
        return found;
    }

    /** With {@code test-clock}: the realms whose clock is moved, and by how much. */
    private Map<String, Duration> movedClocks() {
        Map<String, Duration> moved = new HashMap<>();
        session.realms().getRealmsStream().forEach(realm -> {
            Duration offset = clock.offset(realm);
            if (!offset.isZero()) {
                moved.put(realm.getId(), offset);
            }
        });
        return moved;
    }
}
