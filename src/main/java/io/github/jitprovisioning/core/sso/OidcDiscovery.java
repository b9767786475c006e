package io.github.jitprovisioning.core.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
     * {@code expectedIssuer} when that is given (exactly, except that one trailing slash is ignored: the discovery URL
     * of "https://idp/" and "https://idp" is the same, and the document's issuer is the one tokens must then carry);
     * every endpoint is an absolute https URL
     * (or http on an allow-listed host of {@code policy}).
     *
     * @throws InvalidDocumentException {@link InvalidDocumentException#ISSUER_MISMATCH} or
     *                                  {@link InvalidDocumentException#INVALID_DISCOVERY}, in plain words
     */
    public static OidcDiscovery from(Map<String, ?> document, String expectedIssuer, FetchPolicy policy)
            throws InvalidDocumentException {
        String issuer = requiredText(document, "issuer");
        if (expectedIssuer != null && !withoutTrailingSlash(issuer).equals(withoutTrailingSlash(expectedIssuer))) {
            throw new InvalidDocumentException(InvalidDocumentException.ISSUER_MISMATCH, "The discovery document names"
                    + " the issuer \"" + Endpoints.shown(issuer) + "\", not \"" + Endpoints.shown(expectedIssuer)
                    + "\" that it was fetched for. Enter the issuer exactly as your IdP shows it.");
        }
        Endpoints.check("The issuer", issuer, policy, INVALID);
        if (URI.create(issuer).getRawQuery() != null) {
            throw new InvalidDocumentException(INVALID, "The issuer must not contain a query (?...).");
        }
        URI authorization = endpoint(document, "authorization_endpoint", true, policy);
        URI token = endpoint(document, "token_endpoint", true, policy);
        URI userinfo = endpoint(document, "userinfo_endpoint", false, policy);
        URI jwks = endpoint(document, "jwks_uri", true, policy);
        URI endSession = endpoint(document, "end_session_endpoint", false, policy);
        List<String> algs = textList(document, "id_token_signing_alg_values_supported");
        List<String> methods = textList(document, "code_challenge_methods_supported");
        return new OidcDiscovery(issuer, authorization, token, userinfo, jwks, endSession, algs, methods);
    }

    private static final String INVALID = InvalidDocumentException.INVALID_DISCOVERY;

    private static String withoutTrailingSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String requiredText(Map<String, ?> document, String field) throws InvalidDocumentException {
        Object value = document.get(field);
        if (value == null) {
            throw new InvalidDocumentException(INVALID, "The discovery document has no " + field + "; it is"
                    + " required. Check that the address is your IdP's OpenID Connect discovery document.");
        }
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new InvalidDocumentException(INVALID, "The discovery document's " + field + " is not a text value.");
        }
        return (String) value;
    }

    private static URI endpoint(Map<String, ?> document, String field, boolean required, FetchPolicy policy)
            throws InvalidDocumentException {
        if (!required && document.get(field) == null) {
            return null;
        }
        return Endpoints.check("The discovery document's " + field, requiredText(document, field), policy, INVALID);
    }

    private static List<String> textList(Map<String, ?> document, String field) throws InvalidDocumentException {
        Object value = document.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new InvalidDocumentException(INVALID, "The discovery document's " + field + " is not a list.");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (!(item instanceof String)) {
                throw new InvalidDocumentException(INVALID, "The discovery document's " + field + " holds a value"
                        + " that is not text.");
            }
            texts.add((String) item);
        }
        return texts;
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
        String bad = InvalidDocumentException.BAD_URL;
        if (issuerOrDiscoveryUrl == null || issuerOrDiscoveryUrl.isBlank()) {
            throw new InvalidDocumentException(bad, "Enter the issuer URL or the discovery URL of your IdP, e.g."
                    + " https://login.example.com/oauth2/default.");
        }
        String text = issuerOrDiscoveryUrl.strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidDocumentException(bad, "\"" + Endpoints.shown(text) + "\" is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidDocumentException(bad, "\"" + Endpoints.shown(text) + "\" is not an absolute https URL"
                    + " with a host name, e.g. https://login.example.com/oauth2/default.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidDocumentException(bad, "The issuer URL must not contain a user name, a query (?...) or a"
                    + " fragment (#...).");
        }
        if (text.endsWith(WELL_KNOWN)) {
            return uri;
        }
        String base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        return URI.create(base + WELL_KNOWN);
    }

    /**
     * The issuer that a discovery URL belongs to (the inverse of {@link #discoveryUrl}, without a trailing slash), to
     * pass as {@code expectedIssuer} to {@link #from} when the customer pasted a discovery URL.
     */
    public static String issuerOf(URI discoveryUrl) {
        String text = discoveryUrl.toString();
        return text.endsWith(WELL_KNOWN) ? text.substring(0, text.length() - WELL_KNOWN.length()) : text;
    }
}
