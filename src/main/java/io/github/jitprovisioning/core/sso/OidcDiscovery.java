package io.github.jitprovisioning.core.sso;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the server uses of an OpenID Provider's discovery document (OpenID Connect Discovery 1.0, section 3).
 * The JSON itself is parsed by {@code sso.fetch.JsonDocument} into plain maps and lists; this class validates it.
 *
 * @param issuer                the provider's issuer identifier
 * @param authorizationEndpoint absolute https (or allow-listed host)
 * @param tokenEndpoint         absolute https (or allow-listed host)
 * @param userinfoEndpoint      absolute https (or allow-listed host), or null when the document has none
 * @param jwksUri               absolute https (or allow-listed host)
 * @param endSessionEndpoint    absolute https (or allow-listed host), or null when the document has none
 * @param signingAlgs           {@code id_token_signing_alg_values_supported} (empty when absent)
 * @param codeChallengeMethods  {@code code_challenge_methods_supported} (empty when absent)
 */
public record OidcDiscovery(
        String issuer,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI userinfoEndpoint,
        URI jwksUri,
        URI endSessionEndpoint,
        List<String> signingAlgs,
        List<String> codeChallengeMethods) {

    /** The path that OpenID Connect Discovery appends to the issuer. */
    public static final String WELL_KNOWN = "/.well-known/openid-configuration";

    public OidcDiscovery {
        signingAlgs = List.copyOf(signingAlgs);
        codeChallengeMethods = List.copyOf(codeChallengeMethods);
    }

    /**
     * Validates a parsed discovery document (a JSON object as {@code Map}: strings, numbers, booleans, lists,
     * maps). Required: issuer, authorization_endpoint, token_endpoint, jwks_uri; the issuer equals
     * {@code expectedIssuer} when that is given (exactly, as the spec says); every endpoint is an absolute https URL
     * (or http on an allow-listed host of {@code policy}).
     *
     * @throws InvalidDocumentException {@link InvalidDocumentException#ISSUER_MISMATCH} or
     *                                  {@link InvalidDocumentException#INVALID_DISCOVERY}, in plain words
     */
    public static OidcDiscovery from(Map<String, ?> document, String expectedIssuer, FetchPolicy policy)
            throws InvalidDocumentException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The discovery URL of an issuer: the issuer without a trailing slash, then {@value #WELL_KNOWN} (OpenID Connect
     * Discovery 1.0, section 4). A URL that already ends with {@value #WELL_KNOWN} is returned as it is, so a
     * customer may paste either.
     *
     * @throws InvalidDocumentException {@link InvalidDocumentException#BAD_URL} when it is not an absolute http(s)
     *                                  URL with a host, or has a query, a fragment or a user name
     */
    public static URI discoveryUrl(String issuerOrDiscoveryUrl) throws InvalidDocumentException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The issuer that a discovery URL belongs to (the inverse of {@link #discoveryUrl}), to compare with the
     * document's {@code issuer} when the customer pasted a discovery URL.
     */
    public static String issuerOf(URI discoveryUrl) {
        throw new UnsupportedOperationException("not yet");
    }
}
