package io.github.jitprovisioning.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEntryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @Test
    void provisionedDecisionBecomesOneJsonLineWithEveryDetail() throws Exception {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("jit_outcome", "provisioned");
        details.put("jit_reason", "provisioned");
        details.put("jit_reference", "JIT-ABCD1234");
        details.put("organization", "Acme");
        details.put("organization_id", "org-1");
        details.put("identity_provider", "acme-sso");
        details.put("email_domain", "acme.com");
        details.put("jit_roles", "employee,app.viewer");
        details.put("jit_groups", "/Acme/Engineering,staff");
        details.put("jit_warnings", "role 'x' does not exist; group 'y' does not exist");

        String line = entry("IDENTITY_PROVIDER_FIRST_LOGIN", "user-1", details).toJson();

        assertThat(line).doesNotContain("\n");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.get("realm").asText()).isEqualTo("app");
        assertThat(json.get("event_type").asText()).isEqualTo("IDENTITY_PROVIDER_FIRST_LOGIN");
        assertThat(json.get("outcome").asText()).isEqualTo("provisioned");
        assertThat(json.get("reason").asText()).isEqualTo("provisioned");
        assertThat(json.get("reference").asText()).isEqualTo("JIT-ABCD1234");
        assertThat(json.get("organization").asText()).isEqualTo("Acme");
        assertThat(json.get("organization_id").asText()).isEqualTo("org-1");
        assertThat(json.get("identity_provider").asText()).isEqualTo("acme-sso");
        assertThat(json.get("email_domain").asText()).isEqualTo("acme.com");
        assertThat(json.get("user_id").asText()).isEqualTo("user-1");
        assertThat(JSON.convertValue(json.get("roles"), String[].class)).containsExactly("employee", "app.viewer");
        assertThat(JSON.convertValue(json.get("groups"), String[].class)).containsExactly("/Acme/Engineering", "staff");
        assertThat(JSON.convertValue(json.get("warnings"), String[].class))
                .containsExactly("role 'x' does not exist", "group 'y' does not exist");
        assertThat(json.has("synced_fields")).isFalse();
    }

    @Test
    void blockedDecisionHasNoUserAndLeavesAbsentDetailsOut() throws Exception {
        JsonNode json = JSON.readTree(entry("IDENTITY_PROVIDER_FIRST_LOGIN_ERROR", null, Map.of(
                "jit_outcome", "blocked", "jit_reason", "domain_not_registered", "jit_reference", "JIT-0000ZZZZ",
                "identity_provider", "acme-sso", "email_domain", "evil.example")).toJson());

        assertThat(json.has("user_id")).isFalse();
        assertThat(json.has("organization")).isFalse();
        assertThat(json.has("roles")).isFalse();
        assertThat(json.get("reason").asText()).isEqualTo("domain_not_registered");
    }

    @Test
    void syncedFieldsAreAnArray() throws Exception {
        JsonNode json = JSON.readTree(entry("IDENTITY_PROVIDER_LOGIN", "user-2", Map.of(
                "jit_outcome", "synced", "jit_reason", "synced", "jit_synced_fields", "email,firstName")).toJson());

        assertThat(JSON.convertValue(json.get("synced_fields"), String[].class)).containsExactly("email", "firstName");
    }

    @Test
    void neverCopiesDetailsOtherThanTheJitOnes() {
        Map<String, String> details = Map.of("jit_outcome", "provisioned", "jit_reason", "provisioned",
                "username", "jane.doe@acme.com", "identity_provider_identity", "jane.doe@acme.com",
                "email", "jane.doe@acme.com", "token_id", "eyJhbGciOi");

        String line = entry("IDENTITY_PROVIDER_FIRST_LOGIN", "user-1", details).toJson();

        assertThat(line).doesNotContain("jane.doe").doesNotContain("eyJ").doesNotContain("username");
    }

    @Test
    void controlCharactersInValuesStayEscapedOnOneLine() {
        String line = entry("LOGIN", null, Map.of("jit_outcome", "blocked", "jit_reason", "invalid_email",
                "jit_warnings", "line one\nforged line\r\u0000")).toJson();

        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000");
    }

    @Test
    void eventsWithoutAJitOutcomeAreNotAudited() {
        assertThat(AuditEntry.of(TIME, "app", "LOGIN", "e", "c", "u", Map.of("username", "joe"))).isEmpty();
        assertThat(AuditEntry.of(TIME, "app", "LOGIN", "e", "c", "u", Map.of("jit_outcome", " "))).isEmpty();
        assertThat(AuditEntry.of(TIME, "app", "LOGIN", "e", "c", "u", null)).isEmpty();
    }

    private static AuditEntry entry(String type, String userId, Map<String, String> details) {
        return AuditEntry.of(TIME, "app", type, "event-1", "account", userId, details).orElseThrow();
    }
}
