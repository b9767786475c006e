package io.github.jitprovisioning.members;

import io.github.jitprovisioning.core.members.MemberOrigin;
import io.github.jitprovisioning.core.members.SignInDays;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the {@code JIT_MEMBER} rows through the session's entity manager, in the caller's transaction.
 */
public final class MemberRecords {

    private final EntityManager em;

    public MemberRecords(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public JitMemberEntity find(String organizationId, String userId) {
        return em.createNamedQuery("jitMemberByUser", JitMemberEntity.class)
                .setParameter("organizationId", organizationId).setParameter("userId", userId)
                .getResultStream().findFirst().orElse(null);
    }

    /** The rows of these members of the organization, by user id (members without a row are missing). */
    public Map<String, JitMemberEntity> of(String organizationId, Collection<String> userIds) {
        Map<String, JitMemberEntity> rows = new HashMap<>();
        List<String> ids = List.copyOf(userIds);
        for (int from = 0; from < ids.size(); from += 500) {
            em.createNamedQuery("jitMembersOfUsers", JitMemberEntity.class)
                    .setParameter("organizationId", organizationId)
                    .setParameter("userIds", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .getResultStream().forEach(row -> rows.put(row.getUserId(), row));
        }
        return rows;
    }

    /**
     * Records how the member came in: sets the origin (over what an earlier event of the same join wrote, e.g.
     * Keycloak's join announcement before JIT says "provisioned"), with the IdP and the JIT grants.
     */
    public JitMemberEntity recordOrigin(String realmId, String organizationId, String userId, MemberOrigin origin,
                                        String identityProvider, Collection<String> roleIds, Collection<String> groupIds,
                                        long now) {
        JitMemberEntity row = find(organizationId, userId);
        if (row == null) {
            row = newRow(realmId, organizationId, userId, origin, now);
            em.persist(row);
        }
        row.setOrigin(origin.code());
        row.setOriginAt(now);
        row.setOriginIdp(identityProvider);
        row.setGrantedRoles(join(roleIds));
        row.setGrantedGroups(join(groupIds));
        return row;
    }

    /** A row for a member whose joining we saw without knowing more (Keycloak's join announcement); kept if present. */
    public void recordJoinIfAbsent(String realmId, String organizationId, String userId, MemberOrigin origin, long now) {
        if (find(organizationId, userId) == null) {
            em.persist(newRow(realmId, organizationId, userId, origin, now));
        }
    }

    /**
     * Writes an SSO sign-in through {@code identityProvider}, creating the row ({@code unknown} origin: a member from
     * before the recording) where there is none. The caller has checked {@link SignInDays#mustWrite}.
     */
    public void recordSignIn(String realmId, String organizationId, String userId, String identityProvider, long now) {
        JitMemberEntity row = find(organizationId, userId);
        if (row == null) {
            row = newRow(realmId, organizationId, userId, MemberOrigin.UNKNOWN, now);
            em.persist(row);
        }
        if (!SignInDays.mustWrite(row.getLastSignInDay(), now)) {
            return;
        }
        if (row.getFirstSignInAt() == null) {
            row.setFirstSignInAt(now);
        }
        row.setLastSignInAt(now);
        row.setLastSignInDay(SignInDays.day(now));
        row.setLastSignInIdp(identityProvider);
    }

    public void forgetMembership(String organizationId, String userId) {
        em.createNamedQuery("jitMembersDeleteByMembership")
                .setParameter("organizationId", organizationId).setParameter("userId", userId).executeUpdate();
    }

    public void forgetUser(String realmId, String userId) {
        em.createNamedQuery("jitMembersDeleteByUser").setParameter("realmId", realmId).setParameter("userId", userId)
                .executeUpdate();
    }

    public void forgetOrganization(String organizationId) {
        em.createNamedQuery("jitMembersDeleteByOrganization").setParameter("organizationId", organizationId)
                .executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em.createNamedQuery("jitMembersDeleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static String join(Collection<String> ids) {
        return ids == null || ids.isEmpty() ? null : String.join(",", ids);
    }

    private static JitMemberEntity newRow(String realmId, String organizationId, String userId, MemberOrigin origin,
                                          long now) {
        JitMemberEntity row = new JitMemberEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setRealmId(realmId);
        row.setOrganizationId(organizationId);
        row.setUserId(userId);
        row.setOrigin(origin.code());
        row.setOriginAt(now);
        return row;
    }
}
