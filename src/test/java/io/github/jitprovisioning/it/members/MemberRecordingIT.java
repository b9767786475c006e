package io.github.jitprovisioning.it.members;

import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every member's origin and SSO sign-ins, recorded through real brokered logins and read through the admin API
 * ({@code GET /admin/realms/{realm}/jit/organizations/{org}/members}): JIT's provisioning, an invitation, a member added
 * by an admin, the once-a-day sign-in write, and a removed member's record forgotten.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class MemberRecordingIT {

    private static String acmeId;
    private static String initechId;

    @BeforeAll
    static void twoOrganizations(Scenario scenario) {
        scenario.createRealmRole("employee");
        scenario.createGroup("/Staff");
        acmeId = scenario.organization("acme", List.of("acme.test"), Map.of(
                "jit.default-roles", "employee", "jit.groups", "/Staff"));
        initechId = scenario.organization("initech", List.of("initech.test"), Map.of("jit.enabled", "false"));
        scenario.oidcIdp("acme-sso", acmeId, false);
        scenario.oidcIdp("initech-sso", initechId, false);
        scenario.smtp();
    }

    static List<JsonNode> members(Scenario scenario, String orgId, String query) {
        return Scenario.list(scenario.admin().get("/" + scenario.appRealm() + "/jit/organizations/" + orgId + "/members"
                + query).get("members"));
    }

    static Optional<JsonNode> member(Scenario scenario, String orgId, String userId) {
        return members(scenario, orgId, "?max=1000").stream().filter(m -> m.path("id").asText().equals(userId)).findFirst();
    }

    @Test
    void aProvisionedMembersOriginGrantsAndSignInsAreRecordedAndASecondSignInTheSameDayWritesNothing(Scenario scenario) {
        scenario.idpUser("ann", "ann@acme.test", true, "Ann", "Acme");
        long before = System.currentTimeMillis();
        assertThat(scenario.login("acme-sso", "ann").loggedIn()).isTrue();
        String annId = scenario.userByEmail("ann@acme.test").orElseThrow().get("id").asText();

        JsonNode ann = member(scenario, acmeId, annId).orElseThrow();
        assertThat(ann.path("origin").asText()).isEqualTo("provisioned");
        assertThat(ann.path("identityProvider").asText()).isEqualTo("acme-sso");
        assertThat(ann.path("membership").asText()).isEqualTo("managed");
        assertThat(ann.path("joinedAt").asLong()).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(ann.path("firstSignInAt").asLong()).as("%s", ann).isGreaterThanOrEqualTo(before - 1000);
        assertThat(ann.path("lastSignInAt").asLong()).isEqualTo(ann.path("firstSignInAt").asLong());
        assertThat(ann.path("lastSignInIdentityProvider").asText()).isEqualTo("acme-sso");
        assertThat(Scenario.list(ann.path("jitRoles"))).extracting(JsonNode::asText).containsExactly("employee");
        assertThat(Scenario.list(ann.path("groups"))).extracting(JsonNode::asText).contains("/Staff");

        // signed in again on the same day: the row is read, not written (the stored day is today's)
        assertThat(scenario.login("acme-sso", "ann").loggedIn()).isTrue();
        JsonNode again = member(scenario, acmeId, annId).orElseThrow();
        assertThat(again.path("lastSignInAt").asLong()).isEqualTo(ann.path("lastSignInAt").asLong());
        assertThat(again.path("origin").asText()).isEqualTo("provisioned");
    }

    @Test
    void anInvitedMemberIsRecordedInvited(Scenario scenario) {
        assertThat(scenario.inviteUser(initechId, "ivy@initech.test").status()).isEqualTo(204);
        scenario.idpUser("ivy", "ivy@initech.test", true, "Ivy", "Initech");
        assertThat(scenario.login("initech-sso", "ivy").loggedIn()).isTrue();
        String ivyId = scenario.userByEmail("ivy@initech.test").orElseThrow().get("id").asText();

        JsonNode ivy = member(scenario, initechId, ivyId).orElseThrow();
        assertThat(ivy.path("origin").asText()).isEqualTo("invited");
        assertThat(ivy.path("identityProvider").asText()).isEqualTo("initech-sso");
        assertThat(ivy.path("lastSignInAt").isNumber()).as("%s", ivy).isTrue();
        assertThat(member(scenario, acmeId, ivyId)).as("no record in another organization").isEmpty();
    }

    @Test
    void aMemberAddedByAnAdminIsRecordedAddedWithoutSignInAndForgottenWhenRemoved(Scenario scenario) {
        String app = "/" + scenario.appRealm();
        String bobId = scenario.admin().post(app + "/users", Map.of("username", "bob-local", "email", "bob@elsewhere.test",
                "enabled", true)).createdId();
        assertThat(scenario.admin().post(app + "/organizations/" + acmeId + "/members", bobId).status()).isEqualTo(201);

        JsonNode bob = member(scenario, acmeId, bobId).orElseThrow();
        assertThat(bob.path("origin").asText()).isEqualTo("added");
        assertThat(bob.path("membership").asText()).isEqualTo("unmanaged");
        assertThat(bob.path("lastSignInAt").isNumber()).as("%s", bob).isFalse();
        assertThat(members(scenario, acmeId, "?inactiveDays=1&max=1000")).extracting(m -> m.path("id").asText())
                .as("joined today: not inactive for a day yet").doesNotContain(bobId);
        assertThat(members(scenario, acmeId, "?search=bob-local")).extracting(m -> m.path("id").asText())
                .containsExactly(bobId);

        assertThat(scenario.admin().delete(app + "/organizations/" + acmeId + "/members/" + bobId).status()).isEqualTo(204);
        assertThat(scenario.admin().post(app + "/organizations/" + acmeId + "/members", bobId).status()).isEqualTo(201);
        assertThat(member(scenario, acmeId, bobId).orElseThrow().path("origin").asText())
                .as("the earlier record was forgotten with the membership").isEqualTo("added");
    }

    @Test
    void anUnknownOrganizationIs404AndABadFilterIs400(Scenario scenario) {
        String base = "/" + scenario.appRealm() + "/jit/organizations/";
        assertThat(scenario.admin().send("GET", base + "no-such-org/members", null).status()).isEqualTo(404);
        assertThat(scenario.admin().send("GET", base + acmeId + "/members?inactiveDays=0", null).status()).isEqualTo(400);
        assertThat(scenario.admin().send("GET", base + acmeId + "/members?max=abc", null).status()).isEqualTo(400);
    }
}
