package io.github.jitprovisioning.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * Profile sync through real brokered logins: the {@code jit-profile-sync} mapper on OIDC IdPs with Keycloak's
 * default sync mode IMPORT (under which Keycloak never calls a mapper's update hook), switched per organization by
 * {@code jit.sync-profile}.
 */
@KeycloakIntegrationTest
@Tag("postgres")
@Tag("compatibility")
public class ProfileSyncIT {

    public static final String MAPPER = "jit-profile-sync";

    private static String acmeId;
    private static String initechId;

    @BeforeAll
    static void organizationsWithSyncOnAndOff(Scenario scenario) {
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of("jit.sync-profile", "true"));
        String globexId = scenario.organization("globex", List.of("globex.test"), Map.of("jit.sync-profile", "false"));
        initechId = scenario.organization("initech", List.of("initech.test"), Map.of());
        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.oidcIdp("acme-clear", acmeId, false);
        scenario.oidcIdp("globex-sso", globexId, false);
        scenario.oidcIdp("initech-sso", initechId, false);
        addSyncMapper(scenario, "acme-sso", false);
        addSyncMapper(scenario, "acme-clear", true);
        addSyncMapper(scenario, "globex-sso", false);
        addSyncMapper(scenario, "initech-sso", false);
        declareDepartment(scenario);
    }

    /**
     * The mapper as an administrator adds it: department as a further pair, defaults for email and names; department
     * (read-only for users, see {@link #declareDepartment}) listed as a protected attribute the IdP may write.
     */
    public static void addSyncMapper(Scenario scenario, String alias, boolean clearMissing) {
        addSyncMapper(scenario, alias, "[{\"key\":\"department\",\"value\":\"department\"}]", clearMissing);
    }

    public static void addSyncMapper(Scenario scenario, String alias, String pairs, boolean clearMissing) {
        ObjectNode mapper = Json.object()
                .put("name", "jit profile sync")
                .put("identityProviderAlias", alias)
                .put("identityProviderMapper", MAPPER);
        mapper.putObject("config")
                .put("syncMode", "INHERIT")
                .put("claim-to-attribute", pairs)
                .put("clear-missing", Boolean.toString(clearMissing))
                .put("write-protected-attributes", "department");
        scenario.admin().post("/" + scenario.appRealm() + "/identity-provider/instances/" + alias + "/mappers", mapper);
    }

    /** {@code department}: read-only for users (only admins edit it), at most 20 characters. */
    public static void declareDepartment(Scenario scenario) {
        String path = "/" + scenario.appRealm() + "/users/profile";
        ObjectNode profile = (ObjectNode) scenario.admin().get(path);
        ObjectNode department = profile.withArray("attributes").addObject()
                .put("name", "department")
                .put("displayName", "Department")
                .put("multivalued", false);
        ObjectNode permissions = department.putObject("permissions");
        permissions.putArray("view").add("admin").add("user");
        permissions.putArray("edit").add("admin");
        department.putObject("validations").putObject("length").put("max", 20);
        scenario.admin().put(path, profile);
    }

    // ------------------------------------------------------------------ sync on / off

    @Test
    void syncOnRefreshesNamesAndDepartmentAndTheEventListsTheChangedFields(Scenario scenario) {
        scenario.idpUser("ann", "ann@acme.test", true, "Ann", "Lee");
        scenario.setIdpUserAttribute("ann", "department", "Sales");
        assertLoggedIn(scenario.login("acme-sso", "ann"));
        JsonNode provisioned = user(scenario, "ann@acme.test");
        assertThat(provisioned.path("attributes").path("department").toString())
                .as("the first login fills the profile with the same mapping").contains("Sales");

        scenario.updateIdpUser("ann", "ann@acme.test", true, "Annie", "Lee-Smith");
        scenario.setIdpUserAttribute("ann", "department", "Engineering");
        LoginResult second = scenario.login("acme-sso", "ann");

        assertLoggedIn(second);
        JsonNode user = user(scenario, "ann@acme.test");
        assertThat(user.path("firstName").asText()).isEqualTo("Annie");
        assertThat(user.path("lastName").asText()).isEqualTo("Lee-Smith");
        assertThat(user.path("attributes").path("department").get(0).asText()).isEqualTo("Engineering");
        assertThat(second.idToken().path("given_name").asText()).isEqualTo("Annie");

        JsonNode event = syncEvents(scenario, user).get(0);
        assertThat(event.path("type").asText()).isEqualTo("UPDATE_PROFILE");
        JsonNode details = event.path("details");
        assertThat(details.path("jit_synced_fields").asText().split(","))
                .containsExactlyInAnyOrder("firstName", "lastName", "department");
        assertThat(details.path("jit_outcome").asText()).isEqualTo("synced");
        assertThat(details.path("jit_reason").asText()).isEqualTo("synced");
        assertThat(details.path("identity_provider").asText()).isEqualTo("acme-sso");
        assertThat(details.path("organization").asText()).isEqualTo("acme");
        assertThat(details.path("organization_id").asText()).isEqualTo(acmeId);
        assertThat(details.path("email_domain").asText()).isEqualTo("acme.test");
        assertThat(details.path("jit_reference").asText()).matches("JIT-[0-9A-Z]{8}");
        assertThat(details.has("jit_warnings")).isFalse();
    }

    @Test
    void unchangedClaimsWriteNothingAndRecordNothing(Scenario scenario) {
        scenario.idpUser("una", "una@acme.test", true, "Una", "Ure");
        assertLoggedIn(scenario.login("acme-sso", "una"));
        JsonNode user = user(scenario, "una@acme.test");

        assertLoggedIn(scenario.login("acme-sso", "una"));

        assertThat(syncEvents(scenario, user)).isEmpty();
    }

    @Test
    void syncOffLeavesTheUserAsItWasIncludingAnAdminEdit(Scenario scenario) {
        scenario.idpUser("gil", "gil@globex.test", true, "Gil", "Grant");
        scenario.setIdpUserAttribute("gil", "department", "Sales");
        assertLoggedIn(scenario.login("globex-sso", "gil"));
        ObjectNode edited = (ObjectNode) user(scenario, "gil@globex.test");
        edited.put("lastName", "Grant-Edited-By-Admin");
        scenario.admin().put("/" + scenario.appRealm() + "/users/" + edited.get("id").asText(), edited);

        scenario.updateIdpUser("gil", "gil@globex.test", true, "Gilbert", "Grantham");
        scenario.setIdpUserAttribute("gil", "department", "Engineering");
        assertLoggedIn(scenario.login("globex-sso", "gil"));

        JsonNode user = user(scenario, "gil@globex.test");
        assertThat(user.path("firstName").asText()).isEqualTo("Gil");
        assertThat(user.path("lastName").asText()).isEqualTo("Grant-Edited-By-Admin");
        assertThat(user.path("attributes").path("department").get(0).asText()).isEqualTo("Sales");
        assertThat(syncEvents(scenario, user)).isEmpty();
    }

    @Test
    void togglingSyncProfileTakesEffectAtTheNextLogin(Scenario scenario) {
        scenario.idpUser("ivy", "ivy@initech.test", true, "Ivy", "Irwin");
        assertLoggedIn(scenario.login("initech-sso", "ivy"));

        scenario.updateIdpUser("ivy", "ivy@initech.test", true, "Ivy-Off", "Irwin");
        assertLoggedIn(scenario.login("initech-sso", "ivy"));
        assertThat(user(scenario, "ivy@initech.test").path("firstName").asText()).as("default: off").isEqualTo("Ivy");

        scenario.setOrgAttribute(initechId, "jit.sync-profile", "true");
        assertLoggedIn(scenario.login("initech-sso", "ivy"));
        assertThat(user(scenario, "ivy@initech.test").path("firstName").asText()).isEqualTo("Ivy-Off");

        scenario.setOrgAttribute(initechId, "jit.sync-profile", "false");
        scenario.updateIdpUser("ivy", "ivy@initech.test", true, "Ivy-Again", "Irwin");
        assertLoggedIn(scenario.login("initech-sso", "ivy"));
        assertThat(user(scenario, "ivy@initech.test").path("firstName").asText()).isEqualTo("Ivy-Off");
    }

    // ------------------------------------------------------------------ missing claims

    @Test
    void aClaimTheIdpStopsSendingLeavesTheAttributeAlone(Scenario scenario) {
        scenario.idpUser("max", "max@acme.test", true, "Max", "Moss");
        scenario.setIdpUserAttribute("max", "department", "Ops");
        assertLoggedIn(scenario.login("acme-sso", "max"));

        scenario.setIdpUserAttribute("max", "department", null);
        assertLoggedIn(scenario.login("acme-sso", "max"));

        JsonNode user = user(scenario, "max@acme.test");
        assertThat(user.path("attributes").path("department").get(0).asText()).isEqualTo("Ops");
        assertThat(syncEvents(scenario, user)).isEmpty();
    }

    @Test
    void aClaimTheIdpStopsSendingClearsTheAttributeWhenConfigured(Scenario scenario) {
        scenario.idpUser("cleo", "cleo@acme.test", true, "Cleo", "Cole");
        scenario.setIdpUserAttribute("cleo", "department", "Ops");
        assertLoggedIn(scenario.login("acme-clear", "cleo"));

        scenario.setIdpUserAttribute("cleo", "department", null);
        assertLoggedIn(scenario.login("acme-clear", "cleo"));

        JsonNode user = user(scenario, "cleo@acme.test");
        assertThat(user.path("attributes").has("department")).as("%s", user).isFalse();
        assertThat(syncEvents(scenario, user).get(0).path("details").path("jit_synced_fields").asText())
                .isEqualTo("department");
    }

    // ------------------------------------------------------------------ guards

    @Test
    void emailChangeWithinTheOrganizationsDomainsIsAppliedAndVerified(Scenario scenario) {
        scenario.idpUser("eve", "eve@acme.test", true, "Eve", "Ellis");
        assertLoggedIn(scenario.login("acme-sso", "eve"));

        scenario.updateIdpUser("eve", "eve.ellis@acme.test", true, "Eve", "Ellis");
        assertLoggedIn(scenario.login("acme-sso", "eve"));

        JsonNode user = user(scenario, "eve.ellis@acme.test");
        assertThat(user.path("emailVerified").asBoolean()).isTrue();
        assertThat(scenario.userByEmail("eve@acme.test")).isEmpty();
        assertThat(syncEvents(scenario, user).get(0).path("details").path("jit_synced_fields").asText()).isEqualTo("email");
    }

    @Test
    void emailChangeThatTheIdpDoesNotVerifyIsAppliedUnverified(Scenario scenario) {
        scenario.idpUser("uma", "uma@acme.test", true, "Uma", "Usher");
        assertLoggedIn(scenario.login("acme-sso", "uma"));

        scenario.updateIdpUser("uma", "uma.usher@acme.test", false, "Uma", "Usher");
        assertLoggedIn(scenario.login("acme-sso", "uma"));

        assertThat(user(scenario, "uma.usher@acme.test").path("emailVerified").asBoolean()).isFalse();
    }

    @Test
    void emailChangeToAnotherDomainIsSkippedAndRecordedAndTheLoginSucceeds(Scenario scenario) {
        scenario.idpUser("fay", "fay@acme.test", true, "Fay", "Fox");
        assertLoggedIn(scenario.login("acme-sso", "fay"));

        scenario.updateIdpUser("fay", "fay@other.test", true, "Faye", "Fox");
        LoginResult login = scenario.login("acme-sso", "fay");

        assertLoggedIn(login);
        JsonNode user = user(scenario, "fay@acme.test");
        assertThat(user.path("firstName").asText()).as("the other fields still sync").isEqualTo("Faye");
        JsonNode details = syncEvents(scenario, user).get(0).path("details");
        assertThat(details.path("jit_synced_fields").asText()).isEqualTo("firstName");
        assertThat(details.path("jit_warnings").asText()).contains("email: email_outside_organization")
                .contains("other.test").doesNotContain("fay@");
    }

    @Test
    void emailThatAnotherUserHoldsIsSkippedAndRecordedAndTheLoginSucceeds(Scenario scenario) {
        scenario.idpUser("gus", "gus@acme.test", true, "Gus", "Gray");
        scenario.idpUser("hal", "hal@acme.test", true, "Hal", "Hunt");
        assertLoggedIn(scenario.login("acme-sso", "gus"));
        assertLoggedIn(scenario.login("acme-sso", "hal"));

        scenario.updateIdpUser("hal", "gus@acme.test", true, "Hal", "Hunt");
        LoginResult login = scenario.login("acme-sso", "hal");

        assertLoggedIn(login);
        JsonNode hal = user(scenario, "hal@acme.test");
        JsonNode event = syncEvents(scenario, hal).get(0);
        assertThat(event.path("type").asText()).isEqualTo("UPDATE_PROFILE_ERROR");
        assertThat(event.path("error").asText()).isEqualTo("jit_sync_skipped");
        assertThat(event.path("details").path("jit_warnings").asText()).contains("email: email_taken");
        assertThat(user(scenario, "gus@acme.test").path("username").asText()).isEqualTo("gus");
    }

    @Test
    void valueTheUserProfileRejectsIsSkippedAndTheOthersAreWritten(Scenario scenario) {
        scenario.idpUser("kim", "kim@acme.test", true, "Kim", "Kerr");
        scenario.setIdpUserAttribute("kim", "department", "Ops");
        assertLoggedIn(scenario.login("acme-sso", "kim"));

        scenario.updateIdpUser("kim", "kim@acme.test", true, "Kimberly", "Kerr");
        scenario.setIdpUserAttribute("kim", "department", "Department of Very Long Names");
        assertLoggedIn(scenario.login("acme-sso", "kim"));

        JsonNode user = user(scenario, "kim@acme.test");
        assertThat(user.path("firstName").asText()).isEqualTo("Kimberly");
        assertThat(user.path("attributes").path("department").get(0).asText()).isEqualTo("Ops");
        JsonNode details = syncEvents(scenario, user).get(0).path("details");
        assertThat(details.path("jit_synced_fields").asText()).isEqualTo("firstName");
        assertThat(details.path("jit_warnings").asText()).contains("department: rejected_by_user_profile");
    }

    // ------------------------------------------------------------------ helpers

    static void assertLoggedIn(LoginResult login) {
        assertThat(login.loggedIn()).as("%s", login).isTrue();
        assertThat(login.anyServerError()).as("%s", login).isFalse();
    }

    static JsonNode user(Scenario scenario, String email) {
        Optional<JsonNode> user = scenario.userByEmail(email);
        assertThat(user).as("user with email %s", email).isPresent();
        return user.get();
    }

    /** The profile-sync events of the user, newest first. */
    static List<JsonNode> syncEvents(Scenario scenario, JsonNode user) {
        String userId = user.get("id").asText();
        return scenario.events("UPDATE_PROFILE", "UPDATE_PROFILE_ERROR").stream()
                .filter(event -> userId.equals(event.path("userId").asText()))
                .filter(event -> "jit-profile-sync".equals(event.path("details").path("context").asText()))
                .toList();
    }
}
