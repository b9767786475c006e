package io.github.jitprovisioning.sso.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.core.sso.InvalidDocumentException;
import io.github.jitprovisioning.core.sso.OidcDiscovery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON half of reading a discovery document: what Jackson gives OidcDiscovery, and what it refuses. */
class JsonDocumentTest {

    /** mock-oauth2-server's document for issuer "default", trimmed. */
    static final String MOCK_OAUTH2 = """
            {
              "issuer" : "https://idp.example.com/default",
              "authorization_endpoint" : "https://idp.example.com/default/authorize",
              "end_session_endpoint" : "https://idp.example.com/default/endsession",
              "token_endpoint" : "https://idp.example.com/default/token",
              "userinfo_endpoint" : "https://idp.example.com/default/userinfo",
              "jwks_uri" : "https://idp.example.com/default/jwks",
              "response_types_supported" : [ "query", "fragment", "form_post" ],
              "subject_types_supported" : [ "public" ],
              "id_token_signing_alg_values_supported" : [ "ES256", "RS256" ],
              "code_challenge_methods_supported" : [ "plain", "S256" ],
              "request_parameter_supported" : true
            }
            """;

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDiscoveryDocumentIsParsedAndValidated() throws InvalidDocumentException {
        OidcDiscovery d = OidcDiscovery.from(JsonDocument.parseObject(utf8(MOCK_OAUTH2)),
                "https://idp.example.com/default", FetchPolicy.DEFAULT);
        assertThat(d.jwksUri()).isEqualTo(URI.create("https://idp.example.com/default/jwks"));
        assertThat(d.signingAlgs()).containsExactly("ES256", "RS256");
        assertThat(d.codeChallengeMethods()).containsExactly("plain", "S256");
    }

    @Test
    void missingJwksUriIsNamed() {
        assertThatThrownBy(() -> OidcDiscovery.from(JsonDocument.parseObject(utf8(MOCK_OAUTH2
                .replace("\"jwks_uri\" : \"https://idp.example.com/default/jwks\",", ""))), null, FetchPolicy.DEFAULT))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_discovery"))
                .hasMessageStartingWith("The discovery document has no jwks_uri; it is required.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!DOCTYPE html><html><body>Sign in</body></html>", "{\"issuer\": ", "{'issuer': 'x'}",
        "{\"a\":1} {\"b\":2}", "\u0000\u0001\u0002garbage", "nul"})
    void garbageIsNotJson(String text) {
        assertThatThrownBy(() -> JsonDocument.parseObject(utf8(text)))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.code()).isEqualTo("not_json"))
                .hasMessageStartingWith("The document is not valid JSON")
                .hasMessageNotContaining("Sign in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2,3]", "\"issuer\"", "42", "null"})
    void jsonThatIsNotOneObjectIsRefused(String text) {
        assertThatThrownBy(() -> JsonDocument.parseObject(utf8(text)))
                .hasMessage("The document is JSON but not one JSON object; a discovery document is an object ({ ... }).");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        assertThatThrownBy(() -> JsonDocument.parseObject(utf8("{\"issuer\":\"https://a\",\"issuer\":\"https://b\"}")))
                .isInstanceOf(InvalidDocumentException.class).hasMessageStartingWith("The document is not valid JSON");
    }

    @Test
    void deepNestingAndHugeValuesAreRefusedWithoutParsingThemWhole() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThatThrownBy(() -> JsonDocument.parseObject(utf8(deep)))
                .hasMessage("The document is not a usable JSON document: it is nested too deeply or holds a value that"
                        + " is too long.");
        String huge = "{\"issuer\":\"" + "x".repeat(900_000) + "\"}";
        assertThatThrownBy(() -> JsonDocument.parseObject(utf8(huge)))
                .hasMessageContaining("holds a value that is too long")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
    }

    @Test
    void emptyIsRefused() {
        assertThatThrownBy(() -> JsonDocument.parseObject(new byte[0])).hasMessage("The document is empty.");
    }
}
