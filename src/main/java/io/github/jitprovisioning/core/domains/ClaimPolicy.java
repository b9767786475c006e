package io.github.jitprovisioning.core.domains;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The claim state machine.
 *
 * <ul>
 * <li>pending -> verified at the first {@link CheckOutcome#MATCH};</li>
 * <li>pending -> failed when a check finds no match {@link #pendingPeriod()} (7 days) after the pending period began;</li>
 * <li>verified -> pending (the verification is lost) only after {@link #negativesToLose()} (3) definitive negative
 * answers in a row that span at least {@link #negativeSpan()} (72 hours); a match in between starts the count
 * again; {@link CheckOutcome#ERROR} changes nothing, ever;</li>
 * <li>a domain marked verified by hand is not re-checked in the background and never loses its verification by
 * DNS; a match turns it into a DNS-verified one;</li>
 * <li>failed: only a check asked by an admin (verify now) can still verify it; no background checks.</li>
 * </ul>
 */
public record ClaimPolicy(Duration pendingPeriod, Duration negativeSpan, int negativesToLose,
                          Duration pendingInterval, Duration verifiedInterval, Duration manualCheckInterval) {

    public static final ClaimPolicy DEFAULT = new ClaimPolicy(Duration.ofDays(7), Duration.ofHours(72), 3,
            Duration.ofMinutes(10), Duration.ofDays(1), Duration.ofMinutes(1));

    /** What a check changed. */
    public enum Change {
        NONE, VERIFIED, FAILED, VERIFICATION_LOST, NEGATIVE_COUNTED, VERIFIED_BY_HAND;
    }

    /** The claim after a step, and what changed. */
    public record Transition(DomainClaim claim, Change change) {
        public boolean stateChanged() {
            return change == Change.VERIFIED || change == Change.FAILED || change == Change.VERIFICATION_LOST
                    || change == Change.VERIFIED_BY_HAND;
        }
    }

    /** Applies the outcome of a check made at {@code now}. */
    public Transition afterCheck(DomainClaim claim, CheckOutcome outcome, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        DomainClaim checked = claim.checked(now, outcome);
        switch (claim.state()) {
            case PENDING:
                if (outcome == CheckOutcome.MATCH) {
                    return new Transition(checked.verified(now, false), Change.VERIFIED);
                }
                if (!now.isBefore(claim.pendingSince().plus(pendingPeriod))) {
                    return new Transition(checked.failed(now), Change.FAILED);
                }
                return new Transition(checked, Change.NONE);
            case VERIFIED:
                if (outcome == CheckOutcome.MATCH) {
                    boolean wasByHand = claim.verifiedByHand();
                    DomainClaim fresh = claim.negatives() == 0 && !wasByHand ? checked
                            : checked.verified(wasByHand ? now : claim.verifiedAt(), false);
                    return new Transition(fresh, Change.NONE);
                }
                if (!outcome.definitiveNegative() || claim.verifiedByHand()) {
                    return new Transition(checked, Change.NONE);
                }
                int count = claim.negatives() + 1;
                Instant first = claim.firstNegativeAt() == null ? now : claim.firstNegativeAt();
                if (count >= negativesToLose && !now.isBefore(first.plus(negativeSpan))) {
                    return new Transition(checked.pendingAgain(now), Change.VERIFICATION_LOST);
                }
                return new Transition(checked.negatives(count, first), Change.NEGATIVE_COUNTED);
            case FAILED:
            default:
                if (outcome == CheckOutcome.MATCH) {
                    return new Transition(checked.verified(now, false), Change.VERIFIED);
                }
                return new Transition(checked, Change.NONE);
        }
    }

    /** A realm admin marks the claim verified without DNS proof. */
    public Transition markVerifiedByHand(DomainClaim claim, Instant now) {
        if (claim.state() == ClaimState.VERIFIED) {
            return new Transition(claim, Change.NONE);
        }
        return new Transition(claim.verified(now, true), Change.VERIFIED_BY_HAND);
    }

    /** Whether the background check should look at the claim now. */
    public boolean isDue(DomainClaim claim, Instant now) {
        return switch (claim.state()) {
            case PENDING -> claim.lastCheckedAt() == null || !now.isBefore(claim.lastCheckedAt().plus(pendingInterval));
            case VERIFIED -> !claim.verifiedByHand()
                    && (claim.lastCheckedAt() == null || !now.isBefore(claim.lastCheckedAt().plus(verifiedInterval)));
            case FAILED -> false;
        };
    }

    /**
     * Whether a background run may take the claim now: it is due, and no other run took it for a check that has not
     * written its result yet ({@code takenAt}, or {@code null}). A take older than the claim's own interval has run out
     * (the node that took it stopped or gave up): the claim is taken again, one interval late.
     */
    public boolean mayTake(DomainClaim claim, Instant takenAt, Instant now) {
        if (!isDue(claim, now)) {
            return false;
        }
        return takenAt == null || !now.isBefore(takenAt.plus(interval(claim.state())));
    }

    /**
     * When the claim fell, or falls, due for the background check, which orders a run (the most overdue first): one
     * interval ({@link #pendingInterval()} or {@link #verifiedInterval()}) after its last check, or, never checked,
     * when its pending period began (it is due at once). Empty for the claims the background check never looks at
     * (failed, verified by hand). A claim checked before is {@link #isDue due} exactly from this instant on.
     */
    public Optional<Instant> dueAt(DomainClaim claim) {
        if (claim.state() == ClaimState.FAILED || claim.state() == ClaimState.VERIFIED && claim.verifiedByHand()) {
            return Optional.empty();
        }
        return Optional.of(claim.lastCheckedAt() == null ? claim.pendingSince()
                : claim.lastCheckedAt().plus(interval(claim.state())));
    }

    /** {@link #mayTake} at {@code now} as bounds on the stored times, for the query that selects the claims of a run. */
    public TakeBounds takeBounds(Instant now) {
        return new TakeBounds(now.minus(pendingInterval), now.minus(verifiedInterval));
    }

    /**
     * {@link #mayTake} at one instant in terms of the stored columns, which a database query can use: a pending claim
     * last checked and last taken at {@code pendingBound} at the latest (or never), a verified claim not verified by
     * hand last checked and last taken at {@code verifiedBound} at the latest (or never), no failed claim.
     * {@link #admits} is that condition in Java: it holds exactly when {@link #mayTake} does. The bounds may be
     * rounded down to whole milliseconds for a query on times stored in milliseconds: nothing stored changes sides.
     */
    public record TakeBounds(Instant pendingBound, Instant verifiedBound) {

        public boolean admits(ClaimState state, boolean verifiedByHand, Instant lastCheckedAt, Instant takenAt) {
            Instant bound = switch (state) {
                case PENDING -> pendingBound;
                case VERIFIED -> verifiedByHand ? null : verifiedBound;
                case FAILED -> null;
            };
            return bound != null && notAfter(lastCheckedAt, bound) && notAfter(takenAt, bound);
        }

        private static boolean notAfter(Instant at, Instant bound) {
            return at == null || !at.isAfter(bound);
        }
    }

    private Duration interval(ClaimState state) {
        return state == ClaimState.VERIFIED ? verifiedInterval : pendingInterval;
    }

    /** Whether "verify now" may run (at most once per {@link #manualCheckInterval()} and domain). */
    public boolean manualCheckAllowed(DomainClaim claim, Instant now) {
        return claim.lastManualCheckAt() == null
                || !now.isBefore(claim.lastManualCheckAt().plus(manualCheckInterval));
    }
}
