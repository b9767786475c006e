package io.github.jitprovisioning.provisioning;

import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves the configured roles and groups of a decision to Keycloak models, before any user exists, so that
 * a missing one can still block the login cleanly.
 *
 * <p>Roles are read as Keycloak's hardcoded-role mapper reads them ({@code realmRole} or
 * {@code clientId.roleName}). A role that is, or contains, an administrative role ({@code realm-management}
 * client roles; in the master realm also {@code admin}, {@code create-realm} and the {@code *-realm} clients'
 * roles) is never handed out by JIT: an organization attribute must not be a path to realm administration.
 *
 * <p>Groups: an entry that starts with {@code /} is a realm group path; any entry is also looked up among the
 * organization's own groups (by name, or by path inside the organization).
 */
public final class Grants {

    /** Resolved grants: what exists and may be granted, and a warning for everything else. */
    public record Resolved(List<RoleModel> roles, List<String> roleNames, List<GroupModel> groups,
                           List<String> groupNames, List<String> problems) {
    }

    private Grants() {
    }

    public static Resolved resolve(KeycloakSession session, RealmModel realm, OrganizationModel organization,
                                   List<String> roleNames, List<String> groupNames) {
        List<RoleModel> roles = new ArrayList<>();
        List<String> grantedRoles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : roleNames) {
            RoleModel role = KeycloakModelUtils.getRoleFromString(session, realm, name);
            if (role == null) {
                problems.add("role '" + name + "' does not exist");
            } else if (isAdministrative(realm, role)) {
                problems.add("role '" + name + "' grants administration and is never granted by JIT");
            } else {
                roles.add(role);
                grantedRoles.add(name);
            }
        }
        List<GroupModel> groups = new ArrayList<>();
        List<String> joinedGroups = new ArrayList<>();
        for (String name : groupNames) {
            GroupModel group = findGroup(session, realm, organization, name);
            if (group == null) {
                problems.add("group '" + name + "' does not exist");
            } else {
                groups.add(group);
                joinedGroups.add(name);
            }
        }
        return new Resolved(roles, grantedRoles, groups, joinedGroups, problems);
    }

    public static GroupModel findGroup(KeycloakSession session, RealmModel realm, OrganizationModel organization,
                                String name) {
        GroupModel group = null;
        if (name.startsWith("/")) {
            group = KeycloakModelUtils.findGroupByPath(session, realm, name);
        }
        if (group == null && organization != null) {
            String inOrganization = name.startsWith("/") ? name.substring(1) : name;
            group = KeycloakModelUtils.findGroupByPath(session, realm, organization, inOrganization);
        }
        return group;
    }

    public static boolean isAdministrative(RealmModel realm, RoleModel role) {
        boolean master = Config.getAdminRealm().equals(realm.getName());
        Deque<RoleModel> pending = new ArrayDeque<>(List.of(role));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            RoleModel current = pending.pop();
            if (!seen.add(current.getId())) {
                continue;
            }
            if (current.isClientRole() && current.getContainer() instanceof ClientModel client) {
                String clientId = client.getClientId();
                if (Constants.REALM_MANAGEMENT_CLIENT_ID.equals(clientId) || (master && clientId.endsWith("-realm"))) {
                    return true;
                }
            } else if (master && (current.getName().equals("admin") || current.getName().equals("create-realm"))) {
                return true;
            }
            if (current.isComposite()) {
                current.getCompositesStream().forEach(pending::push);
            }
        }
        return false;
    }
}
