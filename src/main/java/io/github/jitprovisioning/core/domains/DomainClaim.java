package io.github.jitprovisioning.core.domains;

import java.time.Instant;
import java.util.Objects;

/**
 * An organization's claim on a domain, as stored: the token, the state and the times the rules of
 * {@link ClaimPolicy} need.
 *
 * @param domain          normalized, as registered in Keycloak ({@code acme.com} or {@code *.acme.com})
 * @param pendingSince    start of the current pending period (the claim, or the loss of the verification)
 * @param negatives       definitive negative answers in a row while verified
 * @param firstNegativeAt when the first of them was seen, or {@code null}
 * @param verifiedByHand  whether a realm admin marked the domain verified without DNS proof
 * @param lastOutcome     the outcome of the last check, or {@code null} before the first
 */
public record DomainClaim(String id, String realmId, String organizationId, String domain, String token,
                          ClaimState state, Instant createdAt, Instant pendingSince, Instant verifiedAt,
                          Instant failedAt, Instant lastCheckedAt, CheckOutcome lastOutcome,
                          Instant lastManualCheckAt, int negatives, Instant firstNegativeAt,
                          boolean verifiedByHand) {

    public DomainClaim {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(state, "state");
    }

    /** A new pending claim. */
    public static DomainClaim pending(String id, String realmId, String organizationId, String domain, String token,
                                      Instant now) {
        return new DomainClaim(id, realmId, organizationId, domain, token, ClaimState.PENDING, now, now, null, null,
                null, null, null, 0, null, false);
    }

    DomainClaim withState(ClaimState newState) {
        return new DomainClaim(id, realmId, organizationId, domain, token, newState, createdAt, pendingSince,
                verifiedAt, failedAt, lastCheckedAt, lastOutcome, lastManualCheckAt, negatives, firstNegativeAt,
                verifiedByHand);
    }

    DomainClaim checked(Instant at, CheckOutcome outcome) {
        return new DomainClaim(id, realmId, organizationId, domain, token, state, createdAt, pendingSince,
                verifiedAt, failedAt, at, outcome, lastManualCheckAt, negatives, firstNegativeAt, verifiedByHand);
    }

    DomainClaim verified(Instant at, boolean byHand) {
        return new DomainClaim(id, realmId, organizationId, domain, token, ClaimState.VERIFIED, createdAt,
                pendingSince, at, null, lastCheckedAt, lastOutcome, lastManualCheckAt, 0, null, byHand);
    }

    DomainClaim failed(Instant at) {
        return new DomainClaim(id, realmId, organizationId, domain, token, ClaimState.FAILED, createdAt,
                pendingSince, verifiedAt, at, lastCheckedAt, lastOutcome, lastManualCheckAt, 0, null, false);
    }

    DomainClaim pendingAgain(Instant at) {
        return new DomainClaim(id, realmId, organizationId, domain, token, ClaimState.PENDING, createdAt, at,
                verifiedAt, null, lastCheckedAt, lastOutcome, lastManualCheckAt, 0, null, false);
    }

    DomainClaim negatives(int count, Instant first) {
        return new DomainClaim(id, realmId, organizationId, domain, token, state, createdAt, pendingSince,
                verifiedAt, failedAt, lastCheckedAt, lastOutcome, lastManualCheckAt, count, first, verifiedByHand);
    }

    /** The same claim with a manual check recorded at {@code at}. */
    public DomainClaim manuallyCheckedAt(Instant at) {
        return new DomainClaim(id, realmId, organizationId, domain, token, state, createdAt, pendingSince,
                verifiedAt, failedAt, lastCheckedAt, lastOutcome, at, negatives, firstNegativeAt, verifiedByHand);
    }
}
