package io.github.jitprovisioning.members;

import io.github.jitprovisioning.core.members.InactivityRule;
import io.github.jitprovisioning.core.members.MemberOrigin;
import io.github.jitprovisioning.core.members.MemberQuery;
import io.github.jitprovisioning.core.members.SignInDays;
import io.github.jitprovisioning.provisioning.KeycloakCompat;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The members of one organization as the Members section and the admin API show them: Keycloak's members (search by
 * name, username or email as Keycloak searches them) joined with their {@code JIT_MEMBER} rows. A member without a row
 * is from before the recording and shows origin {@code unknown} and no sign-in. Reads only.
 */
public final class MemberDirectory {

    /** Members read from Keycloak per round when a filter decides which of them are shown. */
    private static final int PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider organizations;
    private final MemberRecords records;
    private InactivityRule rule;

    public MemberDirectory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.organizations = session.getProvider(OrganizationProvider.class);
        this.records = new MemberRecords(session);
    }

    /** One member as shown. */
    public record Member(UserModel user, boolean managed, JitMemberEntity row, List<String> groups, List<String> roles,
                         Long removalDueAt) {

        public MemberOrigin origin() {
            return row == null ? MemberOrigin.UNKNOWN : MemberOrigin.of(row.getOrigin());
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", user.getId());
            map.put("username", user.getUsername());
            map.put("email", user.getEmail());
            map.put("firstName", user.getFirstName());
            map.put("lastName", user.getLastName());
            map.put("enabled", user.isEnabled());
            map.put("membership", managed ? "managed" : "unmanaged");
            map.put("origin", origin().code());
            map.put("joinedAt", row == null || origin() == MemberOrigin.UNKNOWN ? null : row.getOriginAt());
            map.put("identityProvider", row == null ? null : row.getOriginIdp());
            map.put("firstSignInAt", row == null ? null : row.getFirstSignInAt());
            map.put("lastSignInAt", row == null ? null : row.getLastSignInAt());
            map.put("lastSignInIdentityProvider", row == null ? null : row.getLastSignInIdp());
            map.put("groups", groups);
            map.put("jitRoles", roles);
            // the inactivity rule's date ("will be removed on"), while the organization's rule is on
            map.put("removalDueAt", removalDueAt);
            return map;
        }
    }

    /**
     * Members matching {@code search} (null: all), and with {@code inactiveDays} only those not signed in through one
     * of the organization's IdPs for that many days (never signed in since the recording: counted from joining; a
     * member from before the recording: always), from {@code first}, at most {@code max}.
     */
    public List<Member> list(OrganizationModel organization, MemberQuery query) {
        return list(organization, query.search(), query.inactiveDays(), query.first(), query.max());
    }

    public List<Member> list(OrganizationModel organization, String search, Integer inactiveDays, int first, int max) {
        if (inactiveDays == null) {
            List<UserModel> users = organizations.getMembersStream(organization, search, false, first, max).toList();
            return join(organization, users);
        }
        long now = Time.currentTimeMillis();
        List<Member> shown = new ArrayList<>();
        int skipped = 0;
        for (int offset = 0; shown.size() < max; offset += PAGE) {
            List<UserModel> users = organizations.getMembersStream(organization, search, false, offset, PAGE).toList();
            for (Member member : join(organization, users)) {
                JitMemberEntity row = member.row();
                boolean inactive = row == null || member.origin() == MemberOrigin.UNKNOWN && row.getLastSignInAt() == null
                        || SignInDays.inactiveFor(row.getLastSignInAt(), row.getOriginAt(), inactiveDays, now);
                if (inactive && skipped++ >= first && shown.size() < max) {
                    shown.add(member);
                }
            }
            if (users.size() < PAGE) {
                break;
            }
        }
        return shown;
    }

    /** The member {@code userId} of the organization, or null where the user is no member of it. */
    public Member find(OrganizationModel organization, String userId) {
        UserModel user = userId == null ? null : organizations.getMemberById(organization, userId);
        return user == null ? null : join(organization, List.of(user)).get(0);
    }

    private InactivityRule rule(OrganizationModel organization) {
        if (rule == null) {
            rule = MemberSettings.of(realm, organization).rule();
        }
        return rule;
    }

    private List<Member> join(OrganizationModel organization, List<UserModel> users) {
        Map<String, JitMemberEntity> rows = records.of(organization.getId(),
                users.stream().map(UserModel::getId).toList());
        return users.stream().map(user -> member(organization, user, rows.get(user.getId()))).toList();
    }

    private Member member(OrganizationModel organization, UserModel user, JitMemberEntity row) {
        Set<String> groups = new LinkedHashSet<>();
        if (KeycloakCompat.ORGANIZATION_GROUPS) {
            KeycloakCompat.organizationGroupsOfMember(organizations, organization, user)
                    .map(MemberDirectory::path).forEach(groups::add);
        }
        List<String> roles = new ArrayList<>();
        if (row != null) {
            Set<String> joined = user.getGroupsStream().map(GroupModel::getId).collect(Collectors.toSet());
            MemberRecords.split(row.getGrantedGroups()).stream().filter(joined::contains)
                    .map(realm::getGroupById).filter(group -> group != null).map(MemberDirectory::path).forEach(groups::add);
            MemberRecords.split(row.getGrantedRoles()).stream().map(realm::getRoleById)
                    .filter(role -> role != null && user.hasDirectRole(role)).map(MemberDirectory::roleName).forEach(roles::add);
        }
        Long due = row == null ? null : rule(organization).removalDueAt(row.getLastSignInAt(), row.getOriginAt());
        return new Member(user, organizations.isManagedMember(organization, user), row, List.copyOf(groups), roles, due);
    }

    static String path(GroupModel group) {
        return ModelToRepresentation.buildGroupPath(group);
    }

    static String roleName(RoleModel role) {
        return role.isClientRole() ? ((ClientModel) role.getContainer()).getClientId() + "." + role.getName() : role.getName();
    }

}
