package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.audit.PortalAudit;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a portal change twice: a Keycloak admin event (resource type, path under the organization, the
 * representation of what changed, never a secret) and a {@code jit-audit} line with the actor and organization.
 * A setup-link session has no user: its admin event names the actor {@code jit-portal-link:<link id>} as user id.
 */
final class PortalChanges {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PortalCaller caller;
    private final String organizationId;

    PortalChanges(KeycloakSession session, RealmModel realm, PortalCaller caller, String organizationId) {
        this.session = session;
        this.realm = realm;
        this.caller = caller;
        this.organizationId = organizationId;
    }

    /** An admin event builder authenticated as the caller (for Keycloak resources that send their own events). */
    AdminEventBuilder adminEvent() {
        UserModel user = caller.user() != null ? caller.user() : linkActor(caller.link().linkId());
        ClientModel client = caller.client() != null ? caller.client() : portalClient();
        return new AdminEventBuilder(realm, new AdminAuth(realm, null, user, client), session,
                session.getContext().getConnection());
    }

    void record(ResourceType type, OperationType operation, String path, String action,
                Map<String, Object> representation) {
        adminEvent().resource(type).operation(operation)
                .resourcePath("organizations", organizationId, "jit-portal", path)
                .representation(representation)
                .detail("jit_actor", caller.actor())
                .success();
        audit(action, representation);
    }

    void audit(String action, Map<String, Object> details) {
        PortalAudit.afterCommit(session, realm.getName(), organizationId, caller.actor(), action,
                details == null ? Map.of() : new LinkedHashMap<>(details));
    }

    private ClientModel portalClient() {
        ClientModel client = realm.getClientByClientId(PortalClient.CLIENT_ID);
        return client != null ? client : realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
    }

    /** A user stand-in that only has an id, for the admin event of a link session. */
    private static UserModel linkActor(String linkId) {
        String id = "jit-portal-link:" + linkId;
        return (UserModel) Proxy.newProxyInstance(PortalChanges.class.getClassLoader(), new Class<?>[]{UserModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId", "getUsername" -> id;
                    case "toString" -> id;
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
