package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.settings.GrantPolicy;
import io.github.jitprovisioning.core.settings.RoleReference;
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
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the configured roles and groups of a decision to Keycloak models, before any user exists, so that
 * a missing one can still block the login cleanly.
 *
 * <p>Roles are read as Keycloak's hardcoded-role mapper reads them ({@code realmRole} or
 * {@code clientId.roleName}, see {@link RoleReference}), with APIs that every Keycloak 26 has. A role that is,
 * or contains, an administrative role ({@code realm-management} client roles; in the master realm also
 * {@code admin}, {@code create-realm} and the {@code *-realm} clients' roles) is never handed out by JIT: an
 * organization attribute must not be a path to realm administration. The same holds for a group whose effective
 * roles (its own role mappings and its parents', composites included) contain one: it is never joined.
 *
 * <p>Groups: an entry that starts with {@code /} is a realm group path, and only that (a missing realm group never
 * falls back to an organization group of the same name); any other entry is one of the organization's own groups (by
 * name, or by path inside the organization). The self-service portal's admin group is never joined: naming it counts
 * as a missing group, with a warning, so that renaming the portal's admin group to a default group cannot make every
 * new user a portal admin.
 *
 * <p>The realm's allow-list ({@link GrantPolicy}) bounds the roles and the realm groups; the organization's own
 * groups are always allowed. Everything refused is a problem, treated like a missing role or group.
 */
public final class Grants {

    /** Resolved grants: what exists and may be granted, and a warning for everything else. */
    public record Resolved(List<RoleModel> roles, List<String> roleNames, List<GroupModel> groups,
                           List<String> groupNames, List<String> problems) {
    }

    private Grants() {
    }

    /** As {@link #resolve(KeycloakSession, RealmModel, OrganizationModel, List, List, GrantPolicy)} without an allow-list. */
    public static Resolved resolve(KeycloakSession session, RealmModel realm, OrganizationModel organization,
                                   List<String> roleNames, List<String> groupNames) {
        return resolve(session, realm, organization, roleNames, groupNames, GrantPolicy.NO_LIMIT);
    }

    /**
     * @param policy the realm's allow-list ({@code RealmSettings#grantPolicy()})
     */
    public static Resolved resolve(KeycloakSession session, RealmModel realm, OrganizationModel organization,
                                   List<String> roleNames, List<String> groupNames, GrantPolicy policy) {
        List<RoleModel> roles = new ArrayList<>();
        List<String> grantedRoles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : roleNames) {
            RoleModel role = findRole(realm, name);
            Optional<String> refusal = policy.roleRefusal(name);
            if (role == null) {
                problems.add("role '" + name + "' does not exist");
            } else if (isAdministrative(realm, role)) {
                problems.add("role '" + name + "' grants administration and is never granted by JIT");
            } else if (refusal.isPresent()) {
                problems.add(refusal.get());
            } else {
                roles.add(role);
                grantedRoles.add(name);
            }
        }
        List<GroupModel> groups = new ArrayList<>();
        List<String> joinedGroups = new ArrayList<>();
        GroupModel portalAdminGroup = groupNames.isEmpty() ? null
                : KeycloakCompat.findOrganizationTopLevelGroup(session, organization, policy.portalAdminGroup());
        for (String name : groupNames) {
            FoundGroup found = findGroup(session, realm, organization, name);
            Optional<String> administrative = found == null ? Optional.empty() : administrativeRoleOf(realm, found.group());
            Optional<String> refusal = found == null || found.organizations() ? Optional.empty()
                    : policy.groupRefusal(name, KeycloakModelUtils.buildGroupPath(found.group()));
            if (found == null) {
                problems.add("group '" + name + "' does not exist");
            } else if (portalAdminGroup != null && portalAdminGroup.getId().equals(found.group().getId())) {
                problems.add(policy.portalAdminGroupRefusal(name));
            } else if (administrative.isPresent()) {
                problems.add("group '" + name + "' grants administration (" + administrative.get()
                        + ") and is never joined by JIT");
            } else if (refusal.isPresent()) {
                problems.add(refusal.get());
            } else {
                groups.add(found.group());
                joinedGroups.add(name);
            }
        }
        return new Resolved(roles, grantedRoles, groups, joinedGroups, problems);
    }

    /**
     * A role named as Keycloak's hardcoded-role mapper reads it: the longest dotted prefix that is a client id
     * decides ({@link RoleReference}); without one, a realm role of that name. Uses only APIs present in every
     * Keycloak 26 ({@code KeycloakModelUtils.getRoleFromString(KeycloakSession, ...)} is not in 26.5).
     */
    public static RoleModel findRole(RealmModel realm, String reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        for (RoleReference candidate : RoleReference.clientCandidates(reference)) {
            ClientModel client = realm.getClientByClientId(candidate.clientId());
            if (client != null) {
                return client.getRole(candidate.roleName());
            }
        }
        return realm.getRole(reference);
    }

    /** A group found for a {@code jit.groups} entry; {@code organizations} when it is one of the organization's own. */
    record FoundGroup(GroupModel group, boolean organizations) {
    }

    static FoundGroup findGroup(KeycloakSession session, RealmModel realm, OrganizationModel organization,
                                String name) {
        if (name.startsWith("/")) {
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, name);
            // an organization's group reached by its internal realm path is not a realm group; and a realm path that
            // names no realm group is missing, never read as the organization group of the same name
            return group == null || group.getType() == GroupModel.Type.ORGANIZATION ? null : new FoundGroup(group, false);
        }
        if (organization != null) {
            GroupModel group = KeycloakCompat.findOrganizationGroup(session, realm, organization, name);
            if (group != null) {
                return new FoundGroup(group, true);
            }
        }
        return null;
    }

    /**
     * The first administrative role among the group's effective roles (its own mappings and its parents',
     * composites included), described for the warning ({@code 'realm-management.manage-users' via /Admins}).
     */
    static Optional<String> administrativeRoleOf(RealmModel realm, GroupModel group) {
        Set<String> seenGroups = new HashSet<>();
        for (GroupModel current = group; current != null && seenGroups.add(current.getId()); current = current.getParent()) {
            GroupModel holder = current;
            Optional<RoleModel> administrative = holder.getRoleMappingsStream()
                    .filter(role -> isAdministrative(realm, role))
                    .findFirst();
            if (administrative.isPresent()) {
                RoleModel role = administrative.get();
                String roleName = role.isClientRole() && role.getContainer() instanceof ClientModel client
                        ? client.getClientId() + "." + role.getName() : role.getName();
                return Optional.of("role '" + roleName + "' via " + KeycloakModelUtils.buildGroupPath(holder));
            }
        }
        return Optional.empty();
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
