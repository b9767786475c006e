package io.github.jitprovisioning.core.domains;

import java.util.Locale;
import java.util.Optional;

/**
 * What one DNS check of a claim found. {@link #MATCH} proves ownership; {@link #WRONG_TOKEN}, {@link #NO_RECORD} and
 * {@link #NXDOMAIN} are definitive negative answers of the DNS; {@link #ERROR} (timeout, SERVFAIL, refused, a
 * malformed or truncated answer, a CNAME loop) says nothing about the domain and never changes a verified claim.
 */
public enum CheckOutcome {
    /** A TXT record at the challenge name equals {@code keycloak-verification=<token>}. */
    MATCH,
    /** TXT records exist at the challenge name, none equals the expected value. */
    WRONG_TOKEN,
    /** The name exists but has no TXT record. */
    NO_RECORD,
    /** The name does not exist. */
    NXDOMAIN,
    /** No usable answer. */
    ERROR;

    /** The lower-case code used in the REST API, events and metrics. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean definitiveNegative() {
        return this == WRONG_TOKEN || this == NO_RECORD || this == NXDOMAIN;
    }

    public static Optional<CheckOutcome> parse(String code) {
        for (CheckOutcome outcome : values()) {
            if (outcome.code().equals(code)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
