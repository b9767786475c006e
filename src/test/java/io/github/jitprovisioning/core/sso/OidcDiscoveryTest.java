package io.github.jitprovisioning.core.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OidcDiscoveryTest {

    static final String ISSUER = "https://login.example.com/oauth2/default";

    /** The shape of an Okta authorization server's document (fields shortened). */
    static Map<String, Object> document() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("issuer", ISSUER);
        doc.put("authorization_endpoint", ISSUER + "/v1/authorize");
        doc.put("token_endpoint", ISSUER + "/v1/token");
        doc.put("userinfo_endpoint", ISSUER + "/v1/userinfo");
        doc.put("jwks_uri", ISSUER + "/v1/keys");
        doc.put("end_session_endpoint", ISSUER + "/v1/logout");
        doc.put("response_types_supported", List.of("code", "id_token"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("claims_supported", List.of("sub", "email", "email_verified"));
        return doc;
    }

    @Test
    void aValidDocumentGivesEveryEndpoint() throws InvalidDocumentException {
        OidcDiscovery d = OidcDiscovery.from(document(), ISSUER, FetchPolicy.DEFAULT);
        assertThat(d.issuer()).isEqualTo(ISSUER);
        assertThat(d.authorizationEndpoint()).isEqualTo(URI.create(ISSUER + "/v1/authorize"));
        assertThat(d.tokenEndpoint()).isEqualTo(URI.create(ISSUER + "/v1/token"));
        assertThat(d.userinfoEndpoint()).isEqualTo(URI.create(ISSUER + "/v1/userinfo"));
        assertThat(d.jwksUri()).isEqualTo(URI.create(ISSUER + "/v1/keys"));
        assertThat(d.endSessionEndpoint()).isEqualTo(URI.create(ISSUER + "/v1/logout"));
        assertThat(d.signingAlgs()).containsExactly("RS256");
        assertThat(d.codeChallengeMethods()).containsExactly("S256");
    }

    @Test
    void optionalFieldsMayBeAbsentAndNoExpectedIssuerSkipsTheComparison() throws InvalidDocumentException {
        Map<String, Object> doc = document();
        doc.remove("userinfo_endpoint");
        doc.remove("end_session_endpoint");
        doc.remove("id_token_signing_alg_values_supported");
        doc.remove("code_challenge_methods_supported");
        OidcDiscovery d = OidcDiscovery.from(doc, null, FetchPolicy.DEFAULT);
        assertThat(d.userinfoEndpoint()).isNull();
        assertThat(d.endSessionEndpoint()).isNull();
        assertThat(d.signingAlgs()).isEmpty();
        assertThat(d.codeChallengeMethods()).isEmpty();
    }

    @Test
    void anotherIssuerIsAMismatchNamingBoth() {
        assertThatThrownBy(() -> OidcDiscovery.from(document(), "https://login.example.com/oauth2/other",
                FetchPolicy.DEFAULT))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.code()).isEqualTo("issuer_mismatch"))
                .hasMessage("The discovery document names the issuer \"" + ISSUER + "\", not"
                        + " \"https://login.example.com/oauth2/other\" that it was fetched for. Enter the issuer exactly"
                        + " as your IdP shows it.");
    }

    @Test
    void aTrailingSlashAloneIsNotAMismatch() throws InvalidDocumentException {
        assertThat(OidcDiscovery.from(document(), ISSUER + "/", FetchPolicy.DEFAULT).issuer()).isEqualTo(ISSUER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
        "end_session_endpoint"})
    void aPlainHttpEndpointIsRefusedUnlessItsHostIsAllowListed(String field) throws InvalidDocumentException {
        Map<String, Object> doc = document();
        doc.put(field, "http://login.example.com/x");
        assertThatThrownBy(() -> OidcDiscovery.from(doc, ISSUER, FetchPolicy.DEFAULT))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_discovery"))
                .hasMessage("The discovery document's " + field + " uses plain http (http://login.example.com/x);"
                        + " the server only uses https addresses.");
        assertThat(OidcDiscovery.from(doc, ISSUER, FetchPolicy.parse("login.example.com"))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"})
    void aMissingRequiredFieldIsNamed(String field) {
        Map<String, Object> doc = document();
        doc.remove(field);
        assertThatThrownBy(() -> OidcDiscovery.from(doc, null, FetchPolicy.DEFAULT))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessage("The discovery document has no " + field + "; it is required. Check that the address is"
                        + " your IdP's OpenID Connect discovery document.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jwks_uri               | /v1/keys                        | must be an absolute https URL
            token_endpoint         | ftp://login.example.com/token   | must be an absolute https URL
            authorization_endpoint | https://u:p@login.example.com/a | must not contain a user name or password
            authorization_endpoint | https://login.example.com/a#x   | must not contain a fragment
            jwks_uri               | https://login.example.com/a b   | is not a valid URL
            """)
    void anUnusableEndpointIsRefused(String field, String value, String words) {
        Map<String, Object> doc = document();
        doc.put(field, value);
        assertThatThrownBy(() -> OidcDiscovery.from(doc, null, FetchPolicy.DEFAULT))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining(field).hasMessageContaining(words);
    }

    @Test
    void fieldsOfTheWrongTypeAreRefused() {
        Map<String, Object> doc = document();
        doc.put("jwks_uri", List.of("https://a"));
        assertThatThrownBy(() -> OidcDiscovery.from(doc, null, FetchPolicy.DEFAULT))
                .hasMessage("The discovery document's jwks_uri is not a text value.");
        Map<String, Object> doc2 = document();
        doc2.put("code_challenge_methods_supported", "S256");
        assertThatThrownBy(() -> OidcDiscovery.from(doc2, null, FetchPolicy.DEFAULT))
                .hasMessage("The discovery document's code_challenge_methods_supported is not a list.");
        Map<String, Object> doc3 = document();
        doc3.put("id_token_signing_alg_values_supported", List.of("RS256", 7));
        assertThatThrownBy(() -> OidcDiscovery.from(doc3, null, FetchPolicy.DEFAULT))
                .hasMessageContaining("holds a value that is not text");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            https://login.example.com/oauth2/default,  https://login.example.com/oauth2/default/.well-known/openid-configuration
            https://login.example.com/oauth2/default/, https://login.example.com/oauth2/default/.well-known/openid-configuration
            https://accounts.google.com,               https://accounts.google.com/.well-known/openid-configuration
            https://idp.test:8443/realms/acme,         https://idp.test:8443/realms/acme/.well-known/openid-configuration
            https://idp.test/.well-known/openid-configuration, https://idp.test/.well-known/openid-configuration
            """)
    void theDiscoveryUrlAppendsTheWellKnownPathToTheIssuerWithoutItsTrailingSlash(String issuer, String expected)
            throws InvalidDocumentException {
        URI url = OidcDiscovery.discoveryUrl(issuer);
        assertThat(url).isEqualTo(URI.create(expected));
        assertThat(OidcDiscovery.issuerOf(url)).isEqualTo(issuer.endsWith("/") && !issuer.endsWith("configuration")
                ? issuer.substring(0, issuer.length() - 1) : issuer.replace(OidcDiscovery.WELL_KNOWN, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "login.example.com", "/oauth2/default", "ftp://idp.test",
        "https://idp.test/?tenant=a", "https://idp.test/#x", "https://user@idp.test/", "https://idp .test/"})
    void anUnusableIssuerIsABadUrl(String issuer) {
        assertThatThrownBy(() -> OidcDiscovery.discoveryUrl(issuer))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.code()).isEqualTo("bad_url"));
    }
}
