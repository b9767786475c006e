package io.github.jitprovisioning.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.representations.JsonWebToken;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimReaderTest {

    private static BrokeredIdentityContext context() {
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setAlias("acme-sso");
        idp.setEnabled(true);
        return new BrokeredIdentityContext("sub-1", idp);
    }

    @Test
    void oidcClaimsComeFromTheIdTokenWithNestedAndListValues() {
        BrokeredIdentityContext context = context();
        JsonWebToken idToken = new JsonWebToken();
        idToken.setOtherClaims("given_name", "Ann");
        idToken.setOtherClaims("groups", List.of("red", "blue"));
        idToken.setOtherClaims("org", Map.of("department", "Sales"));
        idToken.setOtherClaims("admin", Boolean.TRUE);
        context.getContextData().put("VALIDATED_ID_TOKEN", idToken);

        Map<String, List<String>> claims = ClaimReader.read(context,
                List.of("given_name", "groups", "org.department", "admin", "missing"));

        assertThat(claims).containsEntry("given_name", List.of("Ann"))
                .containsEntry("groups", List.of("red", "blue"))
                .containsEntry("org.department", List.of("Sales"))
                .containsEntry("admin", List.of("true"))
                .doesNotContainKey("missing");
    }

    @Test
    void userInfoClaimsAreReadWhenTheTokensLackThem() throws Exception {
        BrokeredIdentityContext context = context();
        context.getContextData().put("UserInfo",
                new ObjectMapper().readTree("{\"department\":\"Sales\",\"teams\":[\"red\",\"blue\"],\"none\":null}"));

        Map<String, List<String>> claims = ClaimReader.read(context, List.of("department", "teams", "none"));

        assertThat(claims).containsEntry("department", List.of("Sales"))
                .containsEntry("teams", List.of("red", "blue"))
                .doesNotContainKey("none");
    }
}
