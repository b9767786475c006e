package io.github.jitprovisioning.core.domains;

import java.util.Locale;
import java.util.Optional;

/**
 * The state of an organization's claim on a domain. {@link #PENDING}: the TXT record is awaited (a domain that lost
 * its verification is pending again); {@link #VERIFIED}: the domain is one of the organization's Keycloak domains
 * with Keycloak's {@code verified} flag set; {@link #FAILED}: no matching record within the pending period.
 */
public enum ClaimState {
    PENDING, VERIFIED, FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ClaimState> parse(String code) {
        for (ClaimState state : values()) {
            if (state.code().equals(code)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
