package io.github.jitprovisioning.it.sync;

import static io.github.jitprovisioning.it.sync.ProfileSyncIT.assertLoggedIn;
import static io.github.jitprovisioning.it.sync.ProfileSyncIT.syncEvents;
import static io.github.jitprovisioning.it.sync.ProfileSyncIT.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.AdminApi;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Profile sync writes only what the realm lets an IdP write, through real brokered logins: nothing the user profile
 * keeps from users (read-only or admin-only) unless the mapper opts in, at most the configured number of values of
 * at most 255 characters, no control or format characters, and, in a realm that requires verified domains, no email
 * in an organization domain that is not verified.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class ProfileSyncGuardsIT {

    private static final String PAIRS = "[{\"key\":\"department\",\"value\":\"department\"},"
            + "{\"key\":\"cost_center\",\"value\":\"costCenter\"},{\"key\":\"teams\",\"value\":\"teams\"}]";

    @BeforeAll
    static void realmThatRequiresVerifiedDomainsWithAProtectiveUserProfile(Scenario scenario) {
        scenario.jitConfig(Map.of("jit.require-verified-domain", "true"));
        String acmeId = scenario.organization("acme", List.of("acme.test", "acme-unverified.test"),
                Map.of("jit.sync-profile", "true"));
        scenario.verifyDomain(acmeId, "acme.test");
        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.oidcIdp("acme-optin", acmeId, false);
        scenario.oidcIdp("acme-three", acmeId, true);
        addMapper(scenario, "acme-sso", Map.of());
        addMapper(scenario, "acme-optin", Map.of("write-protected-attributes", "department##costCenter"));
        addMapper(scenario, "acme-three", Map.of("max-values", "3"));

        // app realm: department read-only for users, costCenter admin-only, teams editable and multi-valued
        String path = "/" + scenario.appRealm() + "/users/profile";
        ObjectNode profile = (ObjectNode) scenario.admin().get(path);
        ArrayNode attributes = profile.withArray("attributes");
        declare(attributes, "department", false, List.of("admin", "user"), List.of("admin"));
        declare(attributes, "costCenter", false, List.of("admin"), List.of("admin"));
        declare(attributes, "teams", true, List.of("admin", "user"), List.of("admin", "user"));
        scenario.admin().put(path, profile);

        // IdP realm: cost_center and a multi-valued teams claim next to department
        String broker = "/" + scenario.idpRealm() + "/clients/" + idpClientUuid(scenario) + "/protocol-mappers/models";
        scenario.admin().post(broker, claimMapper("cost_center", "cost_center", false));
        scenario.admin().post(broker, claimMapper("teams", "teams", true));
    }

    // ------------------------------------------------------------------ what the user profile keeps from users

    @Test
    void attributesReadOnlyOrAdminOnlyForUsersAreNotSyncedAndTheSkipIsRecorded(Scenario scenario) {
        scenario.idpUser("ann", "ann@acme.test", true, "Ann", "Lee");
        setIdpAttribute(scenario, "ann", "department", List.of("Sales"));
        setIdpAttribute(scenario, "ann", "cost_center", List.of("CC-1"));
        setIdpAttribute(scenario, "ann", "teams", List.of("red"));
        assertLoggedIn(scenario.login("acme-sso", "ann"));

        setIdpAttribute(scenario, "ann", "department", List.of("Board"));
        setIdpAttribute(scenario, "ann", "teams", List.of("red", "blue"));
        assertLoggedIn(scenario.login("acme-sso", "ann"));

        JsonNode user = user(scenario, "ann@acme.test");
        assertThat(user.path("attributes").has("department")).as("%s", user).isFalse();
        assertThat(user.path("attributes").has("costCenter")).as("%s", user).isFalse();
        assertThat(strings(user.path("attributes").path("teams"))).containsExactlyInAnyOrder("red", "blue");
        JsonNode details = syncEvents(scenario, user).get(0).path("details");
        assertThat(details.path("jit_synced_fields").asText()).isEqualTo("teams");
        assertThat(details.path("jit_warnings").asText())
                .contains("department: read_only_attribute")
                .contains("costCenter: read_only_attribute")
                .contains("write-protected-attributes");
    }

    @Test
    void mapperThatOptsInWritesTheProtectedAttributes(Scenario scenario) {
        scenario.idpUser("bob", "bob@acme.test", true, "Bob", "Berg");
        setIdpAttribute(scenario, "bob", "department", List.of("Sales"));
        setIdpAttribute(scenario, "bob", "cost_center", List.of("CC-2"));
        assertLoggedIn(scenario.login("acme-optin", "bob"));

        setIdpAttribute(scenario, "bob", "department", List.of("Board"));
        assertLoggedIn(scenario.login("acme-optin", "bob"));

        JsonNode user = user(scenario, "bob@acme.test");
        assertThat(strings(user.path("attributes").path("department"))).containsExactly("Board");
        assertThat(strings(user.path("attributes").path("costCenter"))).containsExactly("CC-2");
        assertThat(syncEvents(scenario, user).get(0).path("details").path("jit_synced_fields").asText())
                .isEqualTo("department");
    }

    // ------------------------------------------------------------------ how much is stored

    @Test
    void claimWithMoreValuesThanTheDefaultTenIsNotSynced(Scenario scenario) {
        scenario.idpUser("cid", "cid@acme.test", true, "Cid", "Cole");
        setIdpAttribute(scenario, "cid", "teams", List.of("red"));
        assertLoggedIn(scenario.login("acme-sso", "cid"));

        List<String> eleven = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            eleven.add("team-" + i);
        }
        setIdpAttribute(scenario, "cid", "teams", eleven);
        assertLoggedIn(scenario.login("acme-sso", "cid"));

        JsonNode user = user(scenario, "cid@acme.test");
        assertThat(strings(user.path("attributes").path("teams"))).containsExactly("red");
        assertThat(syncEvents(scenario, user).get(0).path("details").path("jit_warnings").asText())
                .contains("teams: too_many_values (11 values, the mapper allows 10)");
    }

    @Test
    void mapperLimitOfThreeValuesLetsThreeThroughAndRefusesFour(Scenario scenario) {
        scenario.idpUser("dee", "dee@acme.test", true, "Dee", "Dunn");
        setIdpAttribute(scenario, "dee", "teams", List.of("a", "b", "c"));
        assertLoggedIn(scenario.login("acme-three", "dee"));
        JsonNode user = user(scenario, "dee@acme.test");
        assertThat(strings(user.path("attributes").path("teams"))).containsExactlyInAnyOrder("a", "b", "c");

        setIdpAttribute(scenario, "dee", "teams", List.of("a", "b", "c", "d"));
        assertLoggedIn(scenario.login("acme-three", "dee"));

        user = user(scenario, "dee@acme.test");
        assertThat(strings(user.path("attributes").path("teams"))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(syncEvents(scenario, user).get(0).path("details").path("jit_warnings").asText())
                .contains("teams: too_many_values (4 values, the mapper allows 3)");
    }

    @Test
    void valueLongerThan255CharactersIsNotSynced(Scenario scenario) {
        scenario.idpUser("eve", "eve@acme.test", true, "Eve", "Emm");
        setIdpAttribute(scenario, "eve", "teams", List.of("t".repeat(255)));
        assertLoggedIn(scenario.login("acme-sso", "eve"));
        JsonNode user = user(scenario, "eve@acme.test");
        assertThat(strings(user.path("attributes").path("teams"))).containsExactly("t".repeat(255));

        setIdpAttribute(scenario, "eve", "teams", List.of("u".repeat(256)));
        assertLoggedIn(scenario.login("acme-sso", "eve"));

        user = user(scenario, "eve@acme.test");
        assertThat(strings(user.path("attributes").path("teams"))).containsExactly("t".repeat(255));
        assertThat(syncEvents(scenario, user).get(0).path("details").path("jit_warnings").asText())
                .contains("teams: value_too_long (a value of 256 characters, at most 255)");
    }

    @Test
    void controlAndFormatCharactersAreRefusedAsUnstorable(Scenario scenario) {
        scenario.idpUser("fay", "fay@acme.test", true, "Fay", "Fox");
        setIdpAttribute(scenario, "fay", "teams", List.of("red"));
        assertLoggedIn(scenario.login("acme-sso", "fay"));

        scenario.updateIdpUser("fay", "fay@acme.test", true, "Fay\u202E", "Fox");
        setIdpAttribute(scenario, "fay", "teams", List.of("red", "blue\u0007"));
        assertLoggedIn(scenario.login("acme-sso", "fay"));

        JsonNode user = user(scenario, "fay@acme.test");
        assertThat(user.path("firstName").asText()).isEqualTo("Fay");
        assertThat(strings(user.path("attributes").path("teams"))).containsExactly("red");
        assertThat(syncEvents(scenario, user).get(0).path("details").path("jit_warnings").asText())
                .contains("firstName: unstorable_value (the claim contains U+202E, a format character)")
                .contains("teams: unstorable_value (the claim contains U+0007, a control character)");
    }

    // ------------------------------------------------------------------ require verified domain

    @Test
    void emailChangeIntoAnUnverifiedOrganizationDomainIsSkippedWhenTheRealmRequiresVerifiedDomains(Scenario scenario) {
        scenario.idpUser("gil", "gil@acme.test", true, "Gil", "Gray");
        assertLoggedIn(scenario.login("acme-sso", "gil"));

        scenario.updateIdpUser("gil", "gil@acme-unverified.test", true, "Gil", "Gray");
        LoginResult second = scenario.login("acme-sso", "gil");

        assertLoggedIn(second);
        JsonNode user = user(scenario, "gil@acme.test");
        assertThat(user.path("email").asText()).isEqualTo("gil@acme.test");
        assertThat(scenario.userByEmail("gil@acme-unverified.test")).isEmpty();
        assertThat(syncEvents(scenario, user).get(0).path("details").path("jit_warnings").asText())
                .contains("email: email_domain_not_verified (domain acme-unverified.test");
    }

    // ------------------------------------------------------------------ helpers

    private static void addMapper(Scenario scenario, String alias, Map<String, String> extra) {
        ObjectNode mapper = Json.object()
                .put("name", "jit profile sync")
                .put("identityProviderAlias", alias)
                .put("identityProviderMapper", ProfileSyncIT.MAPPER);
        ObjectNode config = mapper.putObject("config")
                .put("syncMode", "INHERIT")
                .put("claim-to-attribute", PAIRS)
                .put("clear-missing", "false");
        extra.forEach(config::put);
        scenario.admin().post("/" + scenario.appRealm() + "/identity-provider/instances/" + alias + "/mappers", mapper);
    }

    private static void declare(ArrayNode attributes, String name, boolean multivalued, List<String> view,
                                List<String> edit) {
        ObjectNode attribute = attributes.addObject().put("name", name).put("displayName", name)
                .put("multivalued", multivalued);
        ObjectNode permissions = attribute.putObject("permissions");
        view.forEach(permissions.putArray("view")::add);
        edit.forEach(permissions.putArray("edit")::add);
    }

    private static String idpClientUuid(Scenario scenario) {
        return scenario.admin().get("/" + scenario.idpRealm() + "/clients?clientId=" + Scenario.BROKER_CLIENT_ID)
                .get(0).get("id").asText();
    }

    private static ObjectNode claimMapper(String attribute, String claim, boolean multivalued) {
        ObjectNode mapper = Json.object()
                .put("name", claim + " from " + attribute)
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-usermodel-attribute-mapper");
        mapper.putObject("config")
                .put("user.attribute", attribute)
                .put("claim.name", claim)
                .put("jsonType.label", "String")
                .put("multivalued", Boolean.toString(multivalued))
                .put("id.token.claim", "true")
                .put("access.token.claim", "true")
                .put("userinfo.token.claim", "true");
        return mapper;
    }

    /** Sets a (possibly multi-valued) attribute of an IdP user; the IdP realm keeps unmanaged attributes. */
    private static void setIdpAttribute(Scenario scenario, String username, String attribute, List<String> values) {
        JsonNode found = scenario.admin().get("/" + scenario.idpRealm()
                + "/users?briefRepresentation=false&exact=true&username=" + AdminApi.enc(username));
        ObjectNode user = (ObjectNode) found.get(0);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        ArrayNode array = attributes.putArray(attribute);
        values.forEach(array::add);
        scenario.admin().put("/" + scenario.idpRealm() + "/users/" + user.get("id").asText(), user);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
