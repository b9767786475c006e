package io.github.jitprovisioning.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.core.sso.IdTokenClaims;
import io.github.jitprovisioning.core.sso.TestedConfiguration;
import io.github.jitprovisioning.sso.fetch.FetchResult;
import io.github.jitprovisioning.sso.fetch.GuardedFetch;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.jose.jwk.JWKParser;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.IDToken;
import org.keycloak.util.JsonSerialization;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test sign-in of a self-service OIDC IdP, which signs nobody in: an authorization-code request with PKCE
 * (S256), state and nonce to the IdP, bound to the browser that started it (a cookie whose hash the state holds);
 * at the callback the code is redeemed at the token endpoint, the ID token's signature is checked against the IdP's
 * JWKS (fetched through {@link GuardedFetch}) and its issuer, audience, expiry and nonce by {@link IdTokenClaims}.
 * Nothing here touches users, sessions or links: the caller computes the JIT decision the claims would get.
 */
public final class TestSignIn {

    /** How long a started test waits for the IdP's answer. */
    public static final int LIFETIME_SECONDS = 600;
    public static final String COOKIE = "JIT_SSO_TEST";

    private static final String KEY_PREFIX = "jit-sso-test:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private TestSignIn() {
    }

    /** A started test: where to send the browser and the secret of its binding cookie. */
    public record Started(String authorizationUrl, String cookieSecret) {
    }

    /** What the callback found in the store for its state. */
    public record Pending(String realmId, String organizationId, String alias, String verifier, String nonce,
                          String fingerprint, String actor, String bindingHash, String redirectUri) {
    }

    /** The verified outcome of a test: the ID token's claims, or why there are none. */
    public record Outcome(boolean ok, String step, String error, Map<String, Object> claims, IDToken token) {
        static Outcome failed(String step, String error) {
            return new Outcome(false, step, error, Map.of(), null);
        }
    }

    public static Started start(KeycloakSession session, String realmId, String organizationId, IdentityProviderModel idp,
                                String actor, String redirectUri) {
        String state = random(32);
        String nonce = random(32);
        String verifier = random(48);
        String cookie = random(32);
        Map<String, String> note = new HashMap<>();
        note.put("realm", realmId);
        note.put("organization", organizationId);
        note.put("alias", idp.getAlias());
        note.put("verifier", verifier);
        note.put("nonce", nonce);
        note.put("fingerprint", TestedConfiguration.fingerprint(idp.getConfig()));
        note.put("actor", actor);
        note.put("binding", sha256(cookie));
        note.put("redirectUri", redirectUri);
        session.singleUseObjects().put(KEY_PREFIX + sha256(state), LIFETIME_SECONDS, note);
        Map<String, String> config = idp.getConfig();
        String url = config.get("authorizationUrl") + (config.get("authorizationUrl").contains("?") ? "&" : "?")
                + "response_type=code"
                + "&client_id=" + enc(config.get("clientId"))
                + "&redirect_uri=" + enc(redirectUri)
                + "&scope=" + enc(config.getOrDefault("defaultScope", "openid"))
                + "&state=" + enc(state)
                + "&nonce=" + enc(nonce)
                + "&code_challenge=" + enc(base64Url(digest(verifier.getBytes(StandardCharsets.US_ASCII))))
                + "&code_challenge_method=S256";
        return new Started(url, cookie);
    }

    /** The pending test of {@code state}, used up (a state answers once); null when unknown or expired. */
    public static Pending take(KeycloakSession session, String state) {
        if (state == null || state.length() > 200) {
            return null;
        }
        Map<String, String> note = session.singleUseObjects().remove(KEY_PREFIX + sha256(state));
        if (note == null) {
            return null;
        }
        return new Pending(note.get("realm"), note.get("organization"), note.get("alias"), note.get("verifier"),
                note.get("nonce"), note.get("fingerprint"), note.get("actor"), note.get("binding"), note.get("redirectUri"));
    }

    public static boolean boundTo(Pending pending, String cookieSecret) {
        return cookieSecret != null && MessageDigest.isEqual(sha256(cookieSecret).getBytes(StandardCharsets.US_ASCII),
                pending.bindingHash().getBytes(StandardCharsets.US_ASCII));
    }

    /** Redeems the code and verifies the ID token. */
    public static Outcome complete(KeycloakSession session, IdentityProviderModel idp, Pending pending, String code,
                                   FetchPolicy policy) {
        Map<String, String> config = idp.getConfig();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", pending.redirectUri());
        form.put("code_verifier", pending.verifier());
        form.put("client_id", config.get("clientId"));
        form.put("client_secret", config.get("clientSecret"));
        TokenEndpoint.Answer answer = TokenEndpoint.post(URI.create(config.get("tokenUrl")), form, policy);
        if (answer.refusal() != null) {
            return Outcome.failed("token", answer.refusal());
        }
        JsonNode tokens;
        try {
            tokens = JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            return Outcome.failed("token", "the token endpoint did not answer with JSON");
        }
        if (tokens == null || !tokens.isObject()) {
            return Outcome.failed("token", "the token endpoint did not answer with a JSON object");
        }
        if (tokens.hasNonNull("error")) {
            return Outcome.failed("token", "the token endpoint refused the code: " + clip(tokens.path("error").asText())
                    + (tokens.hasNonNull("error_description") ? " (" + clip(tokens.path("error_description").asText()) + ")" : ""));
        }
        if (!tokens.path("id_token").isTextual()) {
            return Outcome.failed("token", "the token endpoint sent no ID token: is the scope openid granted?");
        }
        JWSInput jws;
        IDToken token;
        try {
            jws = new JWSInput(tokens.path("id_token").asText());
            token = jws.readJsonContent(IDToken.class);
        } catch (JWSInputException | RuntimeException e) {
            return Outcome.failed("id_token", "the ID token is not a signed JWT");
        }
        String alg = jws.getHeader().getRawAlgorithm();
        if (alg == null || !ASYMMETRIC.contains(alg)) {
            return Outcome.failed("signature", "the ID token is signed with '" + alg
                    + "'; only asymmetric signatures checked against the IdP's JWKS are accepted");
        }
        String problem = verifySignature(session, jws, alg, config.get("jwksUrl"), policy);
        if (problem != null) {
            return Outcome.failed("signature", problem);
        }
        List<String> audience = token.getAudience() == null ? List.of() : Arrays.asList(token.getAudience());
        String claimsProblem = IdTokenClaims.problem(token.getIssuer(), audience, token.getIssuedFor(), token.getExp(),
                token.getIat(), token.getNonce(), config.get("issuer"), config.get("clientId"), pending.nonce(),
                Instant.now().getEpochSecond()).orElse(null);
        if (claimsProblem != null) {
            return Outcome.failed("claims", claimsProblem);
        }
        Map<String, Object> claims;
        try {
            claims = JSON.readValue(jws.getContent(), JSON.getTypeFactory().constructMapType(LinkedHashMap.class,
                    String.class, Object.class));
        } catch (java.io.IOException e) {
            return Outcome.failed("id_token", "the ID token's claims are not a JSON object");
        }
        return new Outcome(true, "done", null, claims, token);
    }

    private static String verifySignature(KeycloakSession session, JWSInput jws, String alg, String jwksUrl,
                                          FetchPolicy policy) {
        FetchResult fetched = new GuardedFetch(policy).get(URI.create(jwksUrl), "application/json");
        if (fetched instanceof FetchResult.Refused refused) {
            return "the IdP's keys (JWKS) could not be fetched: " + refused.message();
        }
        JSONWebKeySet keys;
        try {
            keys = JsonSerialization.readValue(((FetchResult.Ok) fetched).body(), JSONWebKeySet.class);
        } catch (java.io.IOException | RuntimeException e) {
            return "the IdP's keys (JWKS) are not a JSON Web Key Set";
        }
        String kid = jws.getHeader().getKeyId();
        if (keys == null || keys.getKeys() == null) {
            return "the IdP's JWKS has no keys";
        }
        for (JWK jwk : keys.getKeys()) {
            if (kid != null && !kid.equals(jwk.getKeyId())) {
                continue;
            }
            if (jwk.getPublicKeyUse() != null && !"sig".equals(jwk.getPublicKeyUse())) {
                continue;
            }
            try {
                PublicKey publicKey = JWKParser.create(jwk).toPublicKey();
                KeyWrapper key = new KeyWrapper();
                key.setPublicKey(publicKey);
                key.setAlgorithm(alg);
                key.setKid(jwk.getKeyId());
                key.setType(jwk.getKeyType());
                key.setCurve(jwk.getOtherClaims() == null ? null : (String) jwk.getOtherClaims().get("crv"));
                SignatureProvider provider = session.getProvider(SignatureProvider.class, alg);
                if (provider != null && provider.verifier(key).verify(
                        jws.getEncodedSignatureInput().getBytes(StandardCharsets.UTF_8), jws.getSignature())) {
                    return null;
                }
            } catch (Exception e) {
                // another key may fit; reported below when none does
            }
        }
        return "the ID token's signature does not match any key of the IdP's JWKS" + (kid == null ? "" : " (kid " + clip(kid) + ")");
    }

    static String clip(String text) {
        String cleaned = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return base64Url(value);
    }

    private static String base64Url(byte[] value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static byte[] digest(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String value) {
        return base64Url(digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
