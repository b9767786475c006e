package io.github.jitprovisioning.core.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The query of the background check against the rule it pre-filters for: the bounds a database compares the stored
 * times with ({@link ClaimPolicy#takeBounds}) admit exactly the claims {@link ClaimPolicy#mayTake} may take, also
 * rounded down to the milliseconds the times are stored in; and {@link ClaimPolicy#dueAt}, the order of a run, is
 * when {@link ClaimPolicy#isDue} turns true. Times are generated around the interval boundaries, where a query that
 * compares one millisecond off would disagree.
 */
class ClaimTakeProperties {

    private static final ClaimPolicy TEST_SERVER = new ClaimPolicy(Duration.ofDays(7), Duration.ofHours(72), 3,
            Duration.ofSeconds(2), Duration.ofDays(1), Duration.ofMinutes(1));

    /** A stored claim (times in whole milliseconds) and the instant a run looks at it (any nanosecond). */
    record Case(ClaimPolicy policy, DomainClaim claim, Instant takenAt, Instant now) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ClaimPolicy> policies = Arbitraries.of(ClaimPolicy.DEFAULT, TEST_SERVER);
        Arbitrary<Long> nowMillis = Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 999_999));
        // how far before now the claim was checked or taken: near one of the intervals (give or take 3 ms), or anywhere
        Arbitrary<Long> ago = Arbitraries.oneOf(
                Arbitraries.of(2_000L, 600_000L, 86_400_000L).flatMap(interval ->
                        Arbitraries.longs().between(-3, 3).map(delta -> interval + delta)),
                Arbitraries.longs().between(-86_400_000L, 30 * 86_400_000L));
        Arbitrary<Long> lastAgo = ago.injectNull(0.25);
        Arbitrary<Long> takenAgo = ago.injectNull(0.4);
        return Combinators.combine(policies, nowMillis, nanos, Arbitraries.of(ClaimState.class),
                        Arbitraries.of(true, false), lastAgo, takenAgo, ago)
                .as((policy, millis, nano, state, byHand, last, taken, pendingAgo) -> {
                    Instant stored = Instant.ofEpochMilli(millis);
                    Instant now = stored.plusNanos(nano);
                    DomainClaim claim = new DomainClaim("c1", "r1", "o1", "acme.com", "token", state,
                            stored.minusMillis(pendingAgo), stored.minusMillis(pendingAgo), null, null,
                            last == null ? null : stored.minusMillis(last), null, null, 0, null,
                            byHand && state == ClaimState.VERIFIED);
                    return new Case(policy, claim, taken == null ? null : stored.minusMillis(taken), now);
                });
    }

    @Property(tries = 3000)
    void theQuerysBoundsAdmitExactlyTheClaimsTheRuleMayTake(@ForAll("cases") Case c) {
        ClaimPolicy.TakeBounds bounds = c.policy().takeBounds(c.now());

        assertThat(admits(bounds, c)).isEqualTo(c.policy().mayTake(c.claim(), c.takenAt(), c.now()));
    }

    @Property(tries = 3000)
    void boundsRoundedDownToMillisecondsAdmitTheSameStoredClaims(@ForAll("cases") Case c) {
        ClaimPolicy.TakeBounds exact = c.policy().takeBounds(c.now());
        ClaimPolicy.TakeBounds millis = new ClaimPolicy.TakeBounds(
                Instant.ofEpochMilli(exact.pendingBound().toEpochMilli()),
                Instant.ofEpochMilli(exact.verifiedBound().toEpochMilli()));

        assertThat(admits(millis, c)).isEqualTo(admits(exact, c));
    }

    @Property(tries = 3000)
    void aClaimIsDueFromItsDueInstantOnAndOnlyTheClaimsWithoutOneAreNeverDue(@ForAll("cases") Case c) {
        boolean due = c.policy().isDue(c.claim(), c.now());

        if (c.policy().dueAt(c.claim()).isEmpty()) {
            assertThat(due).isFalse();
        } else if (c.claim().lastCheckedAt() == null) {
            assertThat(due).as("never checked: due at once").isTrue();
        } else {
            assertThat(due).isEqualTo(!c.now().isBefore(c.policy().dueAt(c.claim()).get()));
        }
    }

    private static boolean admits(ClaimPolicy.TakeBounds bounds, Case c) {
        return bounds.admits(c.claim().state(), c.claim().verifiedByHand(), c.claim().lastCheckedAt(), c.takenAt());
    }
}
