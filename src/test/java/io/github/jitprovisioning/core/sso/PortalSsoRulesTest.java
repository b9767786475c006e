package io.github.jitprovisioning.core.sso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.core.settings.ConfigProblems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The portal SSO's pure rules: realm options, fixed settings, the tested fingerprint and state, ID token claims. */
class PortalSsoRulesTest {

    @Test
    void optionsDefaultToOffBothProtocolsTwoIdpsImportAndNoAllowedHost() {
        PortalSsoOptions options = PortalSsoOptions.fromConfig(null, ConfigProblems.IGNORE);

        assertThat(options.enabled()).isFalse();
        assertThat(options.protocols()).containsExactlyInAnyOrder("oidc", "saml");
        assertThat(options.maxIdps()).isEqualTo(2);
        assertThat(options.firstLoginFlow()).isNull();
        assertThat(options.syncMode()).isEqualTo("IMPORT");
        assertThat(options.allowedHosts()).isEmpty();
    }

    @Test
    void optionsAreReadAsTheConsoleStoresThemAndBadValuesFallBackWithAProblem() {
        List<String> problems = new ArrayList<>();
        ConfigProblems log = (where, key, value, applied) -> problems.add(key);
        PortalSsoOptions options = PortalSsoOptions.fromConfig(Map.of("jit.portal-sso", "on",
                "jit.portal-sso-protocols", "oidc", "jit.portal-sso-max-idps", "5",
                "jit.portal-sso-first-login-flow", " jit flow ", "jit.portal-sso-sync-mode", "force",
                "jit.portal-sso-fetch-allow-hosts", "LocalHost##idp.internal"), log);
        assertThat(options.enabled()).isTrue();
        assertThat(options.protocols()).containsExactly("oidc");
        assertThat(options.maxIdps()).isEqualTo(5);
        assertThat(options.firstLoginFlow()).isEqualTo("jit flow");
        assertThat(options.syncMode()).isEqualTo("FORCE");
        assertThat(options.allowedHosts()).containsExactly("localhost", "idp.internal");
        assertThat(problems).isEmpty();

        PortalSsoOptions bad = PortalSsoOptions.fromConfig(Map.of("jit.portal-sso", "yes",
                "jit.portal-sso-max-idps", "0", "jit.portal-sso-sync-mode", "SOMETIMES"), log);
        assertThat(bad.enabled()).isFalse();
        assertThat(bad.maxIdps()).isEqualTo(2);
        assertThat(bad.syncMode()).isEqualTo("IMPORT");
        assertThat(problems).containsExactly("jit.portal-sso", "jit.portal-sso-max-idps", "jit.portal-sso-sync-mode");
    }

    @Test
    void aRequestNamingAFixedSettingIsRefusedWithWhatTheServerFixesItTo() {
        assertThat(TrustFixedFields.refusal(List.of("clientId", "discoveryUrl"))).isEmpty();
        assertThat(TrustFixedFields.refusal(List.of("clientId", "trustEmail"))).hasValueSatisfying(
                why -> assertThat(why).contains("trustEmail").contains("off"));
        for (String fixed : List.of("mappers", "firstBrokerLoginFlowAlias", "syncMode", "storeToken", "linkOnly",
                "alias", "validateSignature", "pkceEnabled", "config", "postBrokerLoginFlowAlias")) {
            assertThat(TrustFixedFields.refusal(Set.of(fixed))).as(fixed).isPresent();
        }
        assertThat(TrustFixedFields.ACCEPTED_NAMES).containsAll(TrustFixedFields.OIDC_FIELDS)
                .containsAll(TrustFixedFields.FIXED.keySet());
    }

    @Test
    void aChangedEndpointClientSecretVersionOrScopeChangesTheFingerprintAndADisplayNameDoesNot() {
        Map<String, String> config = new HashMap<>(Map.of("issuer", "https://idp", "tokenUrl", "https://idp/token",
                "clientId", "a", "defaultScope", "openid", "jit.sso.secret-version", "1"));
        String tested = TestedConfiguration.fingerprint(config);
        config.put("displayName", "other");
        assertThat(TestedConfiguration.fingerprint(config)).isEqualTo(tested);
        for (String key : List.of("issuer", "authorizationUrl", "tokenUrl", "userInfoUrl", "jwksUrl", "clientId",
                "defaultScope", "clientAuthMethod", "jit.sso.secret-version")) {
            Map<String, String> changed = new HashMap<>(config);
            changed.put(key, "changed");
            assertThat(TestedConfiguration.fingerprint(changed)).as(key).isNotEqualTo(tested);
        }
    }

    @Test
    void stateFollowsTheTestOfTheCurrentSettingsAndGoingLive() {
        assertThat(TestedConfiguration.state(false, false, null, "f")).isEqualTo(TestedConfiguration.State.DRAFT);
        assertThat(TestedConfiguration.state(false, false, "old", "f")).isEqualTo(TestedConfiguration.State.DRAFT);
        assertThat(TestedConfiguration.state(false, false, "f", "f")).isEqualTo(TestedConfiguration.State.TESTED);
        assertThat(TestedConfiguration.state(true, true, "f", "f")).isEqualTo(TestedConfiguration.State.LIVE);
        assertThat(TestedConfiguration.state(false, true, "f", "f")).isEqualTo(TestedConfiguration.State.DISABLED);
        assertThat(TestedConfiguration.state(true, false, null, "f")).as("enabled by a realm admin, never tested")
                .isEqualTo(TestedConfiguration.State.DRAFT);
    }

    @Test
    void anIdTokenIsTrustedOnlyWithTheIssuerAudienceExpiryAndNonceOfTheTest() {
        long now = 1_000_000;
        assertThat(IdTokenClaims.problem("https://idp", List.of("c"), null, now + 60, now, "n", "https://idp", "c", "n", now)).isEmpty();
        assertThat(IdTokenClaims.problem("https://evil", List.of("c"), null, now + 60, now, "n", "https://idp", "c", "n", now))
                .hasValueSatisfying(why -> assertThat(why).contains("issuer"));
        assertThat(IdTokenClaims.problem("https://idp", List.of("other"), null, now + 60, now, "n", "https://idp", "c", "n", now))
                .hasValueSatisfying(why -> assertThat(why).contains("not for client"));
        assertThat(IdTokenClaims.problem("https://idp", List.of("c", "x"), "x", now + 60, now, "n", "https://idp", "c", "n", now))
                .hasValueSatisfying(why -> assertThat(why).contains("azp"));
        assertThat(IdTokenClaims.problem("https://idp", List.of("c"), null, now - 120, now - 200, "n", "https://idp", "c", "n", now))
                .hasValueSatisfying(why -> assertThat(why).contains("expired"));
        assertThat(IdTokenClaims.problem("https://idp", List.of("c"), null, null, now, "n", "https://idp", "c", "n", now)).isPresent();
        assertThat(IdTokenClaims.problem("https://idp", List.of("c"), null, now + 600, now + 300, "n", "https://idp", "c", "n", now))
                .hasValueSatisfying(why -> assertThat(why).contains("future"));
        assertThat(IdTokenClaims.problem("https://idp", List.of("c"), null, now + 60, now, "other", "https://idp", "c", "n", now))
                .hasValueSatisfying(why -> assertThat(why).contains("nonce"));
        assertThat(IdTokenClaims.problem("https://idp", List.of("c"), null, now + 60, now, null, "https://idp", "c", "n", now)).isPresent();
    }
}
