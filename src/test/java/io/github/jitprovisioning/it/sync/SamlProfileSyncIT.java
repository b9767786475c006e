package io.github.jitprovisioning.it.sync;

import static io.github.jitprovisioning.it.sync.ProfileSyncIT.assertLoggedIn;
import static io.github.jitprovisioning.it.sync.ProfileSyncIT.syncEvents;
import static io.github.jitprovisioning.it.sync.ProfileSyncIT.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Profile sync through a SAML IdP: the IdP realm has a SAML client that sends the email as NameID and the names and
 * department as SAML attributes (names under their X.500 URIs with friendly names {@code givenName} and
 * {@code surname}); the app realm has a {@code saml} identity provider whose {@code jit-profile-sync} mapper maps
 * those attribute names.
 */
@KeycloakIntegrationTest
class SamlProfileSyncIT {

    private static final String ALIAS = "acme-saml";

    @BeforeAll
    static void samlIdpOfAnOrganizationWithSyncOn(Scenario scenario) {
        String acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.sync-profile", "true"));
        String spEntityId = "saml-sp-" + scenario.appRealm();
        samlClient(scenario, spEntityId);
        samlIdp(scenario, spEntityId);
        scenario.admin().post("/" + scenario.appRealm() + "/organizations/" + acmeId + "/identity-providers", ALIAS);
        ProfileSyncIT.addSyncMapper(scenario, ALIAS,
                "[{\"key\":\"givenName\",\"value\":\"firstName\"},{\"key\":\"surname\",\"value\":\"lastName\"},"
                        + "{\"key\":\"department\",\"value\":\"department\"}]", false);
        String path = "/" + scenario.appRealm() + "/users/profile";
        ObjectNode profile = (ObjectNode) scenario.admin().get(path);
        profile.put("unmanagedAttributePolicy", "ADMIN_EDIT");
        scenario.admin().put(path, profile);
    }

    private static void samlClient(Scenario scenario, String spEntityId) {
        String acs = scenario.server().baseUrl() + "/realms/" + scenario.appRealm() + "/broker/" + ALIAS + "/endpoint";
        ObjectNode client = Json.object()
                .put("clientId", spEntityId)
                .put("protocol", "saml")
                .put("enabled", true)
                .put("frontchannelLogout", false);
        client.putArray("redirectUris").add("*");
        client.putObject("attributes")
                .put("saml.client.signature", "false")
                .put("saml.server.signature", "true")
                .put("saml.assertion.signature", "false")
                .put("saml.force.post.binding", "true")
                .put("saml.authnstatement", "true")
                .put("saml_name_id_format", "email")
                .put("saml_force_name_id_format", "true")
                .put("saml_assertion_consumer_url_post", acs);
        String clientUuid = scenario.admin().post("/" + scenario.idpRealm() + "/clients", client).createdId();
        String mappers = "/" + scenario.idpRealm() + "/clients/" + clientUuid + "/protocol-mappers/models";
        scenario.admin().post(mappers, samlMapper("saml-user-property-mapper", "firstName", "urn:oid:2.5.4.42", "givenName"));
        scenario.admin().post(mappers, samlMapper("saml-user-property-mapper", "lastName", "urn:oid:2.5.4.4", "surname"));
        scenario.admin().post(mappers, samlMapper("saml-user-property-mapper", "email", "email", null));
        scenario.admin().post(mappers, samlMapper("saml-user-attribute-mapper", "department", "department", null));
    }

    private static ObjectNode samlMapper(String type, String userAttribute, String name, String friendlyName) {
        ObjectNode mapper = Json.object()
                .put("name", name)
                .put("protocol", "saml")
                .put("protocolMapper", type);
        ObjectNode config = mapper.putObject("config")
                .put("user.attribute", userAttribute)
                .put("attribute.name", name)
                .put("attribute.nameformat", name.startsWith("urn:") ? "URI Reference" : "Basic");
        if (friendlyName != null) {
            config.put("friendly.name", friendlyName);
        }
        return mapper;
    }

    private static void samlIdp(Scenario scenario, String spEntityId) {
        String idpBase = scenario.server().baseUrl() + "/realms/" + scenario.idpRealm();
        ObjectNode idp = Json.object()
                .put("alias", ALIAS)
                .put("displayName", ALIAS)
                .put("providerId", "saml")
                .put("enabled", true)
                .put("trustEmail", true)
                .put("firstBrokerLoginFlowAlias", scenario.jitFlow());
        idp.putObject("config")
                .put("singleSignOnServiceUrl", idpBase + "/protocol/saml")
                .put("idpEntityId", idpBase)
                .put("entityId", spEntityId)
                .put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")
                .put("principalType", "SUBJECT")
                .put("postBindingAuthnRequest", "false")
                .put("postBindingResponse", "true")
                .put("validateSignature", "false")
                .put("wantAuthnRequestsSigned", "false")
                .put("syncMode", "IMPORT");
        scenario.admin().post("/" + scenario.appRealm() + "/identity-provider/instances", idp);
    }

    /** An IdP user whose own email is set: the SAML client sends it as the NameID. */
    private static void samlUser(Scenario scenario, String username, String email, String first, String last,
                                 String department) {
        ObjectNode user = Json.object().put("username", username).put("enabled", true)
                .put("email", email).put("emailVerified", true).put("firstName", first).put("lastName", last);
        user.putObject("attributes").putArray("department").add(department);
        user.putArray("requiredActions");
        user.putArray("credentials").addObject()
                .put("type", "password").put("value", Scenario.IDP_PASSWORD).put("temporary", false);
        scenario.admin().post("/" + scenario.idpRealm() + "/users", user);
    }

    @Test
    void samlAttributesSyncLikeOidcClaims(Scenario scenario) {
        samlUser(scenario, "sam", "sam@acme.test", "Sam", "Stone", "Sales");
        assertLoggedIn(scenario.login(ALIAS, "sam"));
        JsonNode provisioned = user(scenario, "sam@acme.test");
        assertThat(provisioned.path("firstName").asText()).isEqualTo("Sam");
        assertThat(provisioned.path("attributes").path("department").toString()).contains("Sales");

        JsonNode idpUser = scenario.admin().get("/" + scenario.idpRealm() + "/users?exact=true&username=sam").get(0);
        ObjectNode changed = (ObjectNode) idpUser;
        changed.put("firstName", "Samantha").put("lastName", "Stone-Hill");
        changed.putObject("attributes").putArray("department").add("Engineering");
        scenario.admin().put("/" + scenario.idpRealm() + "/users/" + idpUser.get("id").asText(), changed);
        assertLoggedIn(scenario.login(ALIAS, "sam"));

        JsonNode user = user(scenario, "sam@acme.test");
        assertThat(user.path("firstName").asText()).isEqualTo("Samantha");
        assertThat(user.path("lastName").asText()).isEqualTo("Stone-Hill");
        assertThat(user.path("attributes").path("department").get(0).asText()).isEqualTo("Engineering");
        JsonNode details = syncEvents(scenario, user).get(0).path("details");
        assertThat(details.path("jit_synced_fields").asText().split(","))
                .containsExactlyInAnyOrder("firstName", "lastName", "department");
        assertThat(details.path("identity_provider").asText()).isEqualTo(ALIAS);
    }
}
