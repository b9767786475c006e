package io.github.jitprovisioning.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulateRequestTest {

    @Test
    void readsTheThreeFields() throws Exception {
        assertThat(SimulateRequest.parse("{\"identityProvider\":\"acme-sso\",\"email\":\"jane@acme.com\",\"emailVerified\":true}"))
                .isEqualTo(new SimulateRequest("acme-sso", "jane@acme.com", true));
    }

    @Test
    void aMissingEmailAndVerifiedFlagAreALoginWithoutThoseClaims() throws Exception {
        assertThat(SimulateRequest.parse("{\"identityProvider\":\"acme-sso\",\"email\":\"x@globex.com\",\"username\":\"bob\"}"))
                .isEqualTo(new SimulateRequest("acme-sso", "x@globex.com", false, "bob"));
        assertThat(SimulateRequest.parse("{\"identityProvider\":\"acme-sso\",\"email\":null}"))
                .isEqualTo(new SimulateRequest("acme-sso", null, false));
    }

    @Test
    void theEmailIsPassedOnAsSentSoRuleThreeCanJudgeIt() throws Exception {
        assertThat(SimulateRequest.parse("{\"identityProvider\":\"x\",\"email\":\" jane@acme.com \"}").email())
                .isEqualTo(" jane@acme.com ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "not json", "[]", "\"acme\"", "{}", "{\"identityProvider\":\"\"}",
            "{\"identityProvider\":42}", "{\"identityProvider\":\"a\",\"email\":1}",
            "{\"identityProvider\":\"a\",\"emailVerified\":\"yes\"}",
            "{\"identityProvider\":\"a\",\"email_verified\":true}", "{\"identityProvider\":\"a\"",
            "{\"identityProvider\":\"a\",\"username\":7}"})
    void anythingElseIsRefusedWithAMessage(String body) {
        assertThatThrownBy(() -> SimulateRequest.parse(body))
                .isInstanceOf(SimulateRequest.Invalid.class)
                .hasMessageNotContaining("Exception");
    }
}
