package io.github.jitprovisioning.it.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.jitprovisioning.it.harness.BlockedLogin;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Why the extension exists: identities that must be refused, each tried twice on the same server, once through
 * an IdP on Keycloak's stock first broker login flow (which creates an account and a managed membership) and
 * once through an IdP on the JIT flow (which refuses it and creates nothing). If Keycloak ever closes one of these
 * gaps itself, this test says so.
 */
@KeycloakIntegrationTest
class StockFlowGapIT {

    private static String acmeId;

    @BeforeAll
    static void acmeWithAStockAndAJitIdp(Scenario scenario) {
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.enabled", "true"));
        String globexId = scenario.organization("globex", List.of("globex.test"), Map.of());
        String umbrellaId = scenario.organization("umbrella", List.of("umbrella.test"), Map.of("jit.enabled", "false"));
        scenario.oidcIdp("acme-stock", acmeId, false, Scenario.FirstLoginFlow.STOCK);
        scenario.oidcIdp("acme-jit", acmeId, false);
        scenario.oidcIdp("umbrella-stock", umbrellaId, false, Scenario.FirstLoginFlow.STOCK);
        scenario.oidcIdp("umbrella-jit", umbrellaId, false);
        assertThat(globexId).isNotBlank();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "contractor on a sub-domain       | joe@ext.acme.test   | true  | acme     | domain_not_registered",
            "another customer's domain        | mal@globex.test     | true  | acme     | idp_not_linked",
            "unverified email                 | una@acme.test       | false | acme     | email_not_verified",
            "suffix look-alike                | eve@evilacme.test   | true  | acme     | domain_not_registered",
            "Cyrillic look-alike domain       | ivy@\u0430cme.test  | true  | acme     | domain_not_registered",
            "quoted local part                | '\"q\"@acme.test'   | true  | acme     | invalid_email",
            "organization that turned JIT off | ada@umbrella.test   | true  | umbrella | jit_disabled"
    })
    void stockFlowCreatesAnAccountThatJitRefuses(String identity, String email, boolean verified, String org,
                                                 String reason, Scenario scenario) {
        String local = email.substring(0, email.indexOf('@')).replaceAll("[^A-Za-z0-9]", "");
        scenario.idpUser(local + "-stock", email, verified, "Stock", "Flow");
        scenario.idpUser(local + "-jit", email, verified, "Jit", "Flow");

        LoginResult stock = scenario.login(org + "-stock", local + "-stock");
        assertThat(stock.loggedIn()).as("stock Keycloak lets %s in: %s", identity, stock).isTrue();
        String stockUser = scenario.userByUsername(local + "-stock").orElseThrow().get("id").asText();
        // remove the stock account so that the JIT attempt is a first login with an unknown email again
        scenario.admin().delete("/" + scenario.appRealm() + "/users/" + stockUser);

        BlockedLogin.Snapshot before = BlockedLogin.Snapshot.of(scenario, acmeId);
        LoginResult jit = scenario.login(org + "-jit", local + "-jit");
        BlockedLogin.assertBlocked(scenario, jit, reason, before);
    }
}
