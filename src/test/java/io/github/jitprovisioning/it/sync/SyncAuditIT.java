package io.github.jitprovisioning.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.AuditLog;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * A synced login is explained like every other JIT decision: its event carries the details, the {@code jit-audit}
 * listener writes one line for it, and the metrics count it.
 */
@KeycloakIntegrationTest
class SyncAuditIT {

    private static String acmeId;

    @BeforeAll
    static void acmeWithSyncOnAndTheAuditListener(Scenario scenario) {
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.sync-profile", "true"));
        scenario.oidcIdp("acme-sso", acmeId, false);
        ProfileSyncIT.addSyncMapper(scenario, "acme-sso", false);
        ObjectNode events = (ObjectNode) scenario.admin().get("/" + scenario.appRealm() + "/events/config");
        events.put("eventsEnabled", true);
        events.putArray("eventsListeners").add("jboss-logging").add("jit-audit");
        scenario.admin().put("/" + scenario.appRealm() + "/events/config", events);
    }

    @Test
    void syncedLoginHasItsEventItsAuditLineAndItsCount(Scenario scenario) {
        scenario.idpUser("alice", "alice@acme.test", true, "Alice", "Anders");
        assertThat(scenario.login("acme-sso", "alice").loggedIn()).isTrue();
        String userId = scenario.userByEmail("alice@acme.test").orElseThrow().get("id").asText();
        double syncedBefore = MetricsScrape.decisions(MetricsScrape.page(scenario.server()), scenario.appRealm(),
                "synced", "synced");

        scenario.updateIdpUser("alice", "alice@acme.test", true, "Alicia", "Anders");
        LoginResult again = scenario.login("acme-sso", "alice");

        assertThat(again.loggedIn()).as("%s", again).isTrue();
        JsonNode event = scenario.events("UPDATE_PROFILE").stream()
                .filter(e -> userId.equals(e.path("userId").asText())).findFirst().orElseThrow();
        JsonNode details = event.path("details");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("synced");
        assertThat(details.path("jit_reason").asText()).isEqualTo("synced");
        assertThat(details.path("jit_synced_fields").asText()).isEqualTo("firstName");
        assertThat(details.path("organization_id").asText()).isEqualTo(acmeId);
        assertThat(details.path("identity_provider").asText()).isEqualTo("acme-sso");
        assertThat(details.path("email_domain").asText()).isEqualTo("acme.test");

        List<JsonNode> lines = AuditLog.withReference(scenario.server(), scenario.appRealm(),
                details.path("jit_reference").asText());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("outcome").asText()).isEqualTo("synced");
        assertThat(lines.get(0).path("user_id").asText()).isEqualTo(userId);
        assertThat(lines.get(0).path("synced_fields").toString()).contains("firstName");
        assertThat(lines.get(0).toString()).doesNotContain("@");

        double syncedAfter = MetricsScrape.decisions(MetricsScrape.page(scenario.server()), scenario.appRealm(),
                "synced", "synced");
        assertThat(syncedAfter - syncedBefore).isEqualTo(1.0);
    }
}
