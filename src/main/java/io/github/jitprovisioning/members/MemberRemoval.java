package io.github.jitprovisioning.members;

import io.github.jitprovisioning.core.portal.PortalAccess;
import io.github.jitprovisioning.provisioning.KeycloakCompat;
import io.github.jitprovisioning.provisioning.OrganizationRowLock;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes a member from an organization, in the caller's transaction, under the organization's row lock: the roles
 * and groups JIT granted, the organization's own groups, the membership, and the member's sessions (offline ones
 * included). Keycloak ties a <em>managed</em> member's account to the organization and deletes it with the
 * membership; that happens only where the account belongs to no other organization and the realm allows it
 * ({@code jit.member-removal-deletes-accounts}, default on). An unmanaged member keeps the account. The last admin of
 * the organization (a member of its admin group) is never removed.
 */
public final class MemberRemoval {

    /** Why a removal was refused; the caller answers it. */
    public enum Refusal {
        /** Not a member of this organization (another organization's member included): 404. */
        NOT_A_MEMBER,
        /** The organization's last admin: 409. */
        LAST_ADMIN,
        /** A managed member whose account another organization still uses: Keycloak would delete it. 409. */
        MEMBER_OF_ANOTHER_ORGANIZATION,
        /** A managed member, and the realm keeps accounts: Keycloak would delete it. 409. */
        ACCOUNTS_KEPT_BY_REALM
    }

    /** A removal's outcome: refused, or what was done (for the admin event and the audit line). */
    public record Outcome(Refusal refusal, Map<String, Object> done) {
        public boolean removed() {
            return refusal == null;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider organizations;

    public MemberRemoval(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.organizations = session.getProvider(OrganizationProvider.class);
    }

    /**
     * Removes {@code userId} from {@code organization}. {@code adminGroup}: the organization's portal admin group
     * (null where it has none); {@code deleteAccounts}: the realm option.
     */
    public Outcome remove(OrganizationModel organization, String userId, GroupModel adminGroup, boolean deleteAccounts,
                          String reason) {
        if (!OrganizationRowLock.lock(session, organization.getId())) {
            return new Outcome(Refusal.NOT_A_MEMBER, Map.of());
        }
        UserModel user = userId == null || userId.length() > 64 ? null : organizations.getMemberById(organization, userId);
        if (user == null) {
            return new Outcome(Refusal.NOT_A_MEMBER, Map.of());
        }
        if (adminGroup != null && isIn(organization, user, adminGroup)
                && !PortalAccess.mayRemoveAdmin(admins(organization, adminGroup), true)) {
            return new Outcome(Refusal.LAST_ADMIN, Map.of());
        }
        boolean managed = organizations.isManagedMember(organization, user);
        if (managed && organizations.getByMember(user).anyMatch(other -> !other.getId().equals(organization.getId()))) {
            return new Outcome(Refusal.MEMBER_OF_ANOTHER_ORGANIZATION, Map.of());
        }
        if (managed && !deleteAccounts) {
            return new Outcome(Refusal.ACCOUNTS_KEPT_BY_REALM, Map.of());
        }

        JitMemberEntity row = new MemberRecords(session).find(organization.getId(), user.getId());
        List<String> roles = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        if (row != null) {
            for (String roleId : MemberRecords.split(row.getGrantedRoles())) {
                RoleModel role = realm.getRoleById(roleId);
                if (role != null && user.hasDirectRole(role)) {
                    user.deleteRoleMapping(role);
                    roles.add(MemberDirectory.roleName(role));
                }
            }
            for (String groupId : MemberRecords.split(row.getGrantedGroups())) {
                GroupModel group = realm.getGroupById(groupId);
                if (group != null && user.isMemberOf(group)) {
                    groups.add(MemberDirectory.path(group));
                    user.leaveGroup(group);
                }
            }
        }
        if (KeycloakCompat.ORGANIZATION_GROUPS) {
            for (GroupModel group : KeycloakCompat.organizationGroupsOfMember(organizations, organization, user).toList()) {
                groups.add(MemberDirectory.path(group));
                user.leaveGroup(group);
            }
        }
        int sessions = 0;
        if (!managed) {
            sessions = endSessions(user);
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("userId", user.getId());
        done.put("username", user.getUsername());
        done.put("membership", managed ? "managed" : "unmanaged");
        done.put("accountDeleted", managed);
        done.put("rolesRevoked", roles);
        done.put("groupsLeft", groups);
        done.put("reason", reason);
        // a managed member's account goes with the membership (Keycloak's rule), its sessions with the account
        organizations.removeMember(organization, user);
        new MemberRecords(session).forgetMembership(organization.getId(), user.getId());
        if (!managed) {
            done.put("sessionsEnded", sessions);
        }
        return new Outcome(null, done);
    }

    /** Ends the account's sessions, offline ones included; answers how many. */
    private int endSessions(UserModel user) {
        int[] count = {0};
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(s -> {
            session.sessions().removeUserSession(realm, s);
            count[0]++;
        });
        session.sessions().getOfflineUserSessionsStream(realm, user).toList().forEach(s -> {
            session.sessions().removeOfflineUserSession(realm, s);
            count[0]++;
        });
        return count[0];
    }

    private boolean isIn(OrganizationModel organization, UserModel user, GroupModel group) {
        return KeycloakCompat.organizationGroupsOfMember(organizations, organization, user).anyMatch(g -> g.getId().equals(group.getId()));
    }

    private int admins(OrganizationModel organization, GroupModel group) {
        return (int) session.users().getGroupMembersStream(realm, group, 0, 500)
                .filter(user -> organizations.isMember(organization, user)).count();
    }
}
