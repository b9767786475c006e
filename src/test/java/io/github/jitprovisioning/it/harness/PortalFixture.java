package io.github.jitprovisioning.it.harness;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The portal tests' customers: organizations with a linked IdP, an admin group, signed-in users. */
public final class PortalFixture {

    private PortalFixture() {
    }

    /** The realm allow-list (one administrative role and one administrative group in it, to prove they are refused). */
    public static void realmOptions(Scenario scenario) {
        String realm = "/" + scenario.appRealm();
        scenario.admin().put(realm, Map.of("accessTokenLifespan", 3600, "ssoSessionIdleTimeout", 7200));
        scenario.createRealmRole("employee");
        scenario.createGroup("/staff");
        String ops = scenario.createGroup("/ops");
        String management = scenario.clientUuid("realm-management");
        JsonNode manageUsers = scenario.admin().get(realm + "/clients/" + management + "/roles/manage-users");
        scenario.admin().post(realm + "/groups/" + ops + "/role-mappings/clients/" + management, List.of(manageUsers));
        scenario.jitConfig(Map.of(
                "jit.grantable-roles", "employee,realm-management.manage-users",
                "jit.grantable-groups", "/staff,/ops"));
        portalAudience(scenario, Scenario.APP_CLIENT_ID);
    }

    /**
     * Client {@code clientId} of the app realm embeds the portal: its access tokens carry the audience
     * {@code jit-portal} (a hardcoded-audience mapper), so the portal's API accepts them.
     */
    public static void portalAudience(Scenario scenario, String clientId) {
        ObjectNode mapper = Json.object().put("name", "jit-portal audience").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper");
        // lightweight.claim: admin-cli issues lightweight access tokens, which carry only the claims that ask for it
        mapper.putObject("config").put("included.custom.audience", "jit-portal").put("access.token.claim", "true")
                .put("id.token.claim", "false").put("lightweight.claim", "true");
        scenario.admin().post("/" + scenario.appRealm() + "/clients/" + scenario.clientUuid(clientId)
                + "/protocol-mappers/models", mapper);
    }

    public static String customer(Scenario scenario, String alias, String domain) {
        String id = scenario.organization(alias, List.of(domain), Map.of());
        scenario.verifyDomain(id, domain);
        scenario.oidcIdp(alias + "-sso", id, false);
        orgGroup(scenario, id, "Admins");
        return id;
    }

    public static String orgGroup(Scenario scenario, String orgId, String name) {
        return scenario.admin().post("/" + scenario.appRealm() + "/organizations/" + orgId + "/groups",
                Map.of("name", name)).createdId();
    }

    public static LoginResult signIn(Scenario scenario, String idp, String username, String email) {
        scenario.idpUser(username, email, true, username, "Test");
        LoginResult login = scenario.login(idp, username);
        if (!login.loggedIn()) {
            throw new AssertionError("sign-in failed: " + login);
        }
        return login;
    }

    public static void makeAdmin(Scenario scenario, String orgId, String userId) {
        String groups = "/" + scenario.appRealm() + "/organizations/" + orgId + "/groups";
        String adminsId = null;
        for (JsonNode group : scenario.admin().get(groups + "?search=Admins&exact=true")) {
            adminsId = group.get("id").asText();
        }
        scenario.admin().put(groups + "/" + adminsId + "/members/" + userId, null);
    }

    /** Everything the portal could change about an organization, as text for an equality check. */
    public static String snapshot(Scenario scenario, String orgId) {
        String base = "/" + scenario.appRealm() + "/organizations/" + orgId;
        ObjectNode state = Json.object();
        state.set("organization", scenario.organizationById(orgId));
        state.set("members", scenario.admin().get(base + "/members?max=1000"));
        state.set("invitations", scenario.admin().get(base + "/invitations"));
        state.set("domainClaims", scenario.admin().get("/" + scenario.appRealm() + "/jit/organizations/" + orgId + "/domains"));
        ObjectNode groups = state.putObject("groupMembers");
        for (JsonNode group : scenario.admin().get(base + "/groups")) {
            groups.set(group.get("name").asText(), scenario.admin().get(base + "/groups/" + group.get("id").asText() + "/members"));
        }
        return Json.write(state);
    }
}
