package io.github.jitprovisioning.core.domains;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.core.domains.ClaimPolicy.Change;
import io.github.jitprovisioning.core.domains.ClaimPolicy.Transition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimPolicyTest {

    private static final ClaimPolicy POLICY = ClaimPolicy.DEFAULT;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A fake clock: the claim's history as a sequence of checks. */
    private Instant now = T0;

    private DomainClaim pending() {
        return DomainClaim.pending("c1", "r1", "o1", "acme.com", "token", T0);
    }

    private Transition check(DomainClaim claim, CheckOutcome outcome, Duration after) {
        now = now.plus(after);
        return POLICY.afterCheck(claim, outcome, now);
    }

    private DomainClaim verified() {
        return POLICY.afterCheck(pending(), CheckOutcome.MATCH, T0).claim();
    }

    @Test
    void pendingClaimIsVerifiedByTheFirstMatch() {
        Transition t = check(pending(), CheckOutcome.MATCH, Duration.ofMinutes(10));
        assertThat(t.change()).isEqualTo(Change.VERIFIED);
        assertThat(t.claim().state()).isEqualTo(ClaimState.VERIFIED);
        assertThat(t.claim().verifiedAt()).isEqualTo(now);
        assertThat(t.claim().verifiedByHand()).isFalse();
    }

    @Test
    void pendingClaimStaysPendingOnNegativesAndErrorsWithinSevenDays() {
        DomainClaim claim = pending();
        for (CheckOutcome outcome : new CheckOutcome[] {CheckOutcome.NXDOMAIN, CheckOutcome.NO_RECORD,
                CheckOutcome.WRONG_TOKEN, CheckOutcome.ERROR}) {
            Transition t = check(claim, outcome, Duration.ofDays(1));
            assertThat(t.change()).isEqualTo(Change.NONE);
            assertThat(t.claim().state()).isEqualTo(ClaimState.PENDING);
            assertThat(t.claim().lastOutcome()).isEqualTo(outcome);
            claim = t.claim();
        }
    }

    @Test
    void pendingClaimFailsAtTheFirstCheckSevenDaysAfterTheClaim() {
        Transition before = POLICY.afterCheck(pending(), CheckOutcome.NO_RECORD, T0.plus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(before.claim().state()).isEqualTo(ClaimState.PENDING);
        Transition at = POLICY.afterCheck(pending(), CheckOutcome.ERROR, T0.plus(Duration.ofDays(7)));
        assertThat(at.change()).isEqualTo(Change.FAILED);
        assertThat(at.claim().failedAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void verifiedClaimLosesItsVerificationOnlyAfterThreeNegativesSpanningSeventyTwoHours() {
        DomainClaim claim = verified();
        Transition first = check(claim, CheckOutcome.NXDOMAIN, Duration.ofDays(1));
        assertThat(first.change()).isEqualTo(Change.NEGATIVE_COUNTED);
        Transition second = check(first.claim(), CheckOutcome.NO_RECORD, Duration.ofHours(1));
        Transition third = check(second.claim(), CheckOutcome.WRONG_TOKEN, Duration.ofHours(1));
        assertThat(third.claim().negatives()).isEqualTo(3);
        assertThat(third.claim().state()).as("three negatives within 2 hours").isEqualTo(ClaimState.VERIFIED);
        Transition almost = check(third.claim(), CheckOutcome.NXDOMAIN, Duration.ofHours(70).minusSeconds(1));
        assertThat(almost.claim().state()).isEqualTo(ClaimState.VERIFIED);
        Transition lost = check(almost.claim(), CheckOutcome.NXDOMAIN, Duration.ofSeconds(1));
        assertThat(lost.change()).isEqualTo(Change.VERIFICATION_LOST);
        assertThat(lost.claim().state()).isEqualTo(ClaimState.PENDING);
        assertThat(lost.claim().pendingSince()).isEqualTo(now);
        assertThat(lost.claim().negatives()).isZero();
    }

    @Test
    void twoNegativesOverAWeekDoNotRemoveAVerification() {
        Transition first = check(verified(), CheckOutcome.NXDOMAIN, Duration.ofDays(1));
        Transition second = check(first.claim(), CheckOutcome.NXDOMAIN, Duration.ofDays(7));
        assertThat(second.claim().state()).isEqualTo(ClaimState.VERIFIED);
        assertThat(second.claim().negatives()).isEqualTo(2);
    }

    @Test
    void aMatchBetweenNegativesStartsTheCountAgain() {
        Transition first = check(verified(), CheckOutcome.NO_RECORD, Duration.ofDays(1));
        Transition second = check(first.claim(), CheckOutcome.NO_RECORD, Duration.ofDays(1));
        Transition match = check(second.claim(), CheckOutcome.MATCH, Duration.ofDays(1));
        assertThat(match.claim().negatives()).isZero();
        assertThat(match.claim().firstNegativeAt()).isNull();
        Transition again = check(match.claim(), CheckOutcome.NO_RECORD, Duration.ofDays(3));
        assertThat(again.claim().state()).isEqualTo(ClaimState.VERIFIED);
        assertThat(again.claim().negatives()).isEqualTo(1);
    }

    @Test
    void resolverErrorsNeverChangeAVerifiedClaim() {
        DomainClaim claim = verified();
        for (int day = 0; day < 30; day++) {
            Transition t = check(claim, CheckOutcome.ERROR, Duration.ofDays(1));
            assertThat(t.change()).isEqualTo(Change.NONE);
            assertThat(t.claim().state()).isEqualTo(ClaimState.VERIFIED);
            assertThat(t.claim().negatives()).isZero();
            claim = t.claim();
        }
    }

    @Test
    void errorsBetweenNegativesNeitherCountNorResetThem() {
        Transition first = check(verified(), CheckOutcome.NXDOMAIN, Duration.ofDays(1));
        Transition error = check(first.claim(), CheckOutcome.ERROR, Duration.ofDays(1));
        assertThat(error.claim().negatives()).isEqualTo(1);
        assertThat(error.claim().firstNegativeAt()).isEqualTo(first.claim().firstNegativeAt());
    }

    @Test
    void aDomainVerifiedByHandIsNotRecheckedAndNotLostByDns() {
        Transition hand = POLICY.markVerifiedByHand(pending(), T0);
        assertThat(hand.change()).isEqualTo(Change.VERIFIED_BY_HAND);
        assertThat(hand.claim().verifiedByHand()).isTrue();
        assertThat(POLICY.isDue(hand.claim(), T0.plus(Duration.ofDays(30)))).isFalse();
        Transition negative = check(hand.claim(), CheckOutcome.NXDOMAIN, Duration.ofDays(5));
        Transition another = check(negative.claim(), CheckOutcome.NXDOMAIN, Duration.ofDays(5));
        Transition third = check(another.claim(), CheckOutcome.NXDOMAIN, Duration.ofDays(5));
        assertThat(third.claim().state()).isEqualTo(ClaimState.VERIFIED);
        Transition match = check(third.claim(), CheckOutcome.MATCH, Duration.ofDays(1));
        assertThat(match.claim().verifiedByHand()).as("a DNS match makes it DNS-verified").isFalse();
    }

    @Test
    void failedClaimIsVerifiedOnlyByAMatch() {
        DomainClaim failed = POLICY.afterCheck(pending(), CheckOutcome.NO_RECORD, T0.plus(Duration.ofDays(8))).claim();
        assertThat(failed.state()).isEqualTo(ClaimState.FAILED);
        assertThat(POLICY.isDue(failed, T0.plus(Duration.ofDays(9)))).isFalse();
        assertThat(POLICY.afterCheck(failed, CheckOutcome.NXDOMAIN, T0.plus(Duration.ofDays(9))).claim().state())
                .isEqualTo(ClaimState.FAILED);
        assertThat(POLICY.afterCheck(failed, CheckOutcome.MATCH, T0.plus(Duration.ofDays(9))).claim().state())
                .isEqualTo(ClaimState.VERIFIED);
    }

    @Test
    void pendingClaimsAreDueEveryTenMinutesAndVerifiedOnesDaily() {
        DomainClaim pending = pending();
        assertThat(POLICY.isDue(pending, T0)).as("never checked").isTrue();
        DomainClaim checked = POLICY.afterCheck(pending, CheckOutcome.NO_RECORD, T0).claim();
        assertThat(POLICY.isDue(checked, T0.plus(Duration.ofMinutes(9)))).isFalse();
        assertThat(POLICY.isDue(checked, T0.plus(Duration.ofMinutes(10)))).isTrue();
        DomainClaim verified = POLICY.afterCheck(pending, CheckOutcome.MATCH, T0).claim();
        assertThat(POLICY.isDue(verified, T0.plus(Duration.ofHours(23)))).isFalse();
        assertThat(POLICY.isDue(verified, T0.plus(Duration.ofDays(1)))).isTrue();
    }

    @Test
    void verifyNowRunsAtMostOncePerMinute() {
        DomainClaim claim = pending().manuallyCheckedAt(T0);
        assertThat(POLICY.manualCheckAllowed(pending(), T0)).isTrue();
        assertThat(POLICY.manualCheckAllowed(claim, T0.plusSeconds(59))).isFalse();
        assertThat(POLICY.manualCheckAllowed(claim, T0.plusSeconds(60))).isTrue();
    }

    @Test
    void aDueClaimTakenByARunIsNotTakenAgainWhileItsCheckIsInFlight() {
        DomainClaim pending = pending();
        assertThat(POLICY.mayTake(pending, null, T0)).as("due, not taken").isTrue();
        assertThat(POLICY.mayTake(pending, T0, T0)).as("taken by another run just now").isFalse();
        assertThat(POLICY.mayTake(pending, T0, T0.plus(Duration.ofMinutes(10)).minusSeconds(1)))
                .as("still within the pending interval of the take").isFalse();
    }

    @Test
    void aTakeWhoseCheckNeverWroteItsResultRunsOutAfterTheClaimsInterval() {
        DomainClaim pending = pending();
        assertThat(POLICY.mayTake(pending, T0, T0.plus(Duration.ofMinutes(10)))).isTrue();
        DomainClaim verified = verified();
        assertThat(POLICY.mayTake(verified, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)).minusSeconds(1)))
                .as("a verified claim's take lasts its daily interval").isFalse();
        assertThat(POLICY.mayTake(verified, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)))).isTrue();
    }

    @Test
    void aClaimThatIsNotDueIsNeverTaken() {
        DomainClaim checked = POLICY.afterCheck(pending(), CheckOutcome.NXDOMAIN, T0).claim();
        assertThat(POLICY.mayTake(checked, null, T0.plus(Duration.ofMinutes(9)))).isFalse();
        DomainClaim failed = POLICY.afterCheck(pending(), CheckOutcome.NXDOMAIN, T0.plus(Duration.ofDays(7))).claim();
        assertThat(POLICY.mayTake(failed, null, T0.plus(Duration.ofDays(30)))).isFalse();
        DomainClaim byHand = POLICY.markVerifiedByHand(pending(), T0).claim();
        assertThat(POLICY.mayTake(byHand, null, T0.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void aClaimFallsDueOneIntervalAfterItsLastCheckOrAtItsClaimWhenNeverChecked() {
        DomainClaim checked = POLICY.afterCheck(pending(), CheckOutcome.NXDOMAIN, T0.plusSeconds(30)).claim();
        assertThat(POLICY.dueAt(pending())).contains(T0);
        assertThat(POLICY.dueAt(checked)).contains(T0.plusSeconds(30).plus(Duration.ofMinutes(10)));
        assertThat(POLICY.dueAt(verified())).contains(T0.plus(Duration.ofDays(1)));
        assertThat(POLICY.dueAt(POLICY.markVerifiedByHand(pending(), T0).claim())).as("verified by hand").isEmpty();
        DomainClaim failed = POLICY.afterCheck(pending(), CheckOutcome.NXDOMAIN, T0.plus(Duration.ofDays(7))).claim();
        assertThat(POLICY.dueAt(failed)).isEmpty();
    }

    @Test
    void theBoundsOfARunLeaveOutClaimsVerifiedByHandCheckedRecentlyOrTakenByAnotherRun() {
        ClaimPolicy.TakeBounds bounds = POLICY.takeBounds(T0.plus(Duration.ofDays(1)));
        Instant tenMinutesAgo = T0.plus(Duration.ofDays(1)).minus(Duration.ofMinutes(10));

        assertThat(bounds.admits(ClaimState.PENDING, false, null, null)).isTrue();
        assertThat(bounds.admits(ClaimState.PENDING, false, tenMinutesAgo, tenMinutesAgo)).isTrue();
        assertThat(bounds.admits(ClaimState.PENDING, false, tenMinutesAgo.plusMillis(1), null)).isFalse();
        assertThat(bounds.admits(ClaimState.PENDING, false, null, tenMinutesAgo.plusMillis(1))).isFalse();
        assertThat(bounds.admits(ClaimState.VERIFIED, false, T0, null)).isTrue();
        assertThat(bounds.admits(ClaimState.VERIFIED, false, T0.plusMillis(1), null)).isFalse();
        assertThat(bounds.admits(ClaimState.VERIFIED, true, null, null)).as("verified by hand").isFalse();
        assertThat(bounds.admits(ClaimState.FAILED, false, null, null)).isFalse();
    }
}
