package io.github.jitprovisioning.core.sso;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The claim checks of an ID token received by a test sign-in (its signature is checked by the adapter against the
 * IdP's JWKS): issuer, audience, expiry, issued-at and nonce, as OpenID Connect Core 3.1.3.7 asks.
 */
public final class IdTokenClaims {

    /** Tolerated clock difference between the IdP and this server. */
    public static final long SKEW_SECONDS = 60;

    private IdTokenClaims() {
    }

    /**
     * @return the first problem in plain words, or empty when the token may be trusted
     */
    public static Optional<String> problem(String issuer, Collection<String> audience, String authorizedParty,
                                           Long expiresAt, Long issuedAt, String nonce,
                                           String expectedIssuer, String clientId, String expectedNonce, long now) {
        if (issuer == null || !issuer.equals(expectedIssuer)) {
            return Optional.of("the ID token's issuer (iss) is '" + issuer + "', not the discovered issuer '"
                    + expectedIssuer + "'");
        }
        List<String> aud = audience == null ? List.of() : List.copyOf(audience);
        if (!aud.contains(clientId)) {
            return Optional.of("the ID token is not for client '" + clientId + "' (aud " + aud + ")");
        }
        if (aud.size() > 1 && authorizedParty != null && !authorizedParty.equals(clientId)) {
            return Optional.of("the ID token's authorized party (azp) is '" + authorizedParty + "', not '" + clientId + "'");
        }
        if (expiresAt == null || expiresAt + SKEW_SECONDS < now) {
            return Optional.of("the ID token has expired or has no expiry (exp)");
        }
        if (issuedAt != null && issuedAt - SKEW_SECONDS > now) {
            return Optional.of("the ID token was issued in the future (iat): check the IdP's clock");
        }
        if (expectedNonce == null || !expectedNonce.equals(nonce)) {
            return Optional.of("the ID token's nonce does not match this test sign-in");
        }
        return Optional.empty();
    }
}
