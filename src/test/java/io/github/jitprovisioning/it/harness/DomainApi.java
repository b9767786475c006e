package io.github.jitprovisioning.it.harness;

import static io.github.jitprovisioning.it.harness.AdminApi.enc;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The domain verification admin API ({@code /admin/realms/{realm}/jit/organizations/{orgId}/domains}) of the app
 * realm of a {@link Scenario}, and the realm's test clock (the server runs with {@code test-clock}).
 */
public final class DomainApi {

    private final Scenario scenario;
    private long clockOffsetSeconds;

    public DomainApi(Scenario scenario) {
        this.scenario = scenario;
    }

    private String base(String orgId) {
        return "/" + scenario.appRealm() + "/jit/organizations/" + orgId + "/domains";
    }

    public HttpResult claim(String orgId, String domain) {
        return scenario.admin().send("POST", base(orgId), domain == null ? Map.of() : Map.of("domain", domain));
    }

    public HttpResult verifyNow(String orgId, String domain) {
        return scenario.admin().send("POST", base(orgId) + "/" + enc(domain) + "/verify", null);
    }

    public HttpResult markVerified(String orgId, String domain) {
        return scenario.admin().send("POST", base(orgId) + "/" + enc(domain) + "/mark-verified", null);
    }

    public HttpResult remove(String orgId, String domain) {
        return scenario.admin().send("DELETE", base(orgId) + "/" + enc(domain), null);
    }

    public JsonNode list(String orgId) {
        return scenario.admin().get(base(orgId));
    }

    public Optional<JsonNode> claimOf(String orgId, String domain) {
        for (JsonNode claim : list(orgId).path("domains")) {
            if (claim.path("domain").asText().equals(domain)) {
                return Optional.of(claim);
            }
        }
        return Optional.empty();
    }

    public String state(String orgId, String domain) {
        return claimOf(orgId, domain).map(c -> c.path("state").asText()).orElse("absent");
    }

    /** Keycloak's own record of the organization's domain: its verified flag, or empty when not registered. */
    public Optional<Boolean> keycloakVerified(String orgId, String domain) {
        for (JsonNode d : scenario.organizationById(orgId).path("domains")) {
            if (d.path("name").asText().equals(domain)) {
                return Optional.of(d.path("verified").asBoolean());
            }
        }
        return Optional.empty();
    }

    /** Moves the realm's domain verification clock forward (realm attribute read by the server in test mode). */
    public void advanceClock(Duration duration) {
        clockOffsetSeconds += duration.toSeconds();
        ObjectNode realm = (ObjectNode) scenario.admin().get("/" + scenario.appRealm());
        ObjectNode attributes = realm.has("attributes") && realm.get("attributes").isObject()
                ? (ObjectNode) realm.get("attributes") : realm.putObject("attributes");
        attributes.put("jit.test-clock-offset-seconds", String.valueOf(clockOffsetSeconds));
        scenario.admin().put("/" + scenario.appRealm(), realm);
    }

    /** Past the one-check-a-minute limit of "verify now". */
    public void nextMinute() {
        advanceClock(Duration.ofSeconds(61));
    }

    /** The TXT record value the API gave for the claim. */
    public static String recordValue(HttpResult claimed) {
        return claimed.json().path("record").path("value").asText();
    }

    public static String recordName(HttpResult claimed) {
        return claimed.json().path("record").path("name").asText();
    }
}
