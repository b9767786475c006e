package io.github.jitprovisioning.members;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Table {@code JIT_MEMBER}: one row per organization member that this extension has seen join or sign in (created
 * by the Liquibase changelog {@value JitMemberEntityProviderFactory#CHANGELOG}). Times are epoch milliseconds; the
 * sign-in day is days since the epoch (UTC), compared before any write (see {@code SignInDays}).
 */
@Entity
@Table(name = "JIT_MEMBER")
@NamedQueries({
        @NamedQuery(name = "jitMemberByUser",
                query = "select m from JitMemberEntity m where m.organizationId = :organizationId and m.userId = :userId"),
        @NamedQuery(name = "jitMembersOfUsers",
                query = "select m from JitMemberEntity m where m.organizationId = :organizationId and m.userId in :userIds"),
        @NamedQuery(name = "jitMembersDue",
                query = "select m.userId from JitMemberEntity m where m.organizationId = :organizationId"
                        + " and ((m.lastSignInAt is not null and m.lastSignInAt <= :bound)"
                        + " or (m.lastSignInAt is null and m.originAt <= :bound)) order by m.userId"),
        @NamedQuery(name = "jitMembersDeleteByUser",
                query = "delete from JitMemberEntity m where m.realmId = :realmId and m.userId = :userId"),
        @NamedQuery(name = "jitMembersDeleteByMembership",
                query = "delete from JitMemberEntity m where m.organizationId = :organizationId and m.userId = :userId"),
        @NamedQuery(name = "jitMembersDeleteByOrganization",
                query = "delete from JitMemberEntity m where m.organizationId = :organizationId"),
        @NamedQuery(name = "jitMembersDeleteByRealm",
                query = "delete from JitMemberEntity m where m.realmId = :realmId")
})
public class JitMemberEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;
    @Column(name = "ORG_ID", length = 255, nullable = false)
    private String organizationId;
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;
    @Column(name = "ORIGIN", length = 16, nullable = false)
    private String origin;
    @Column(name = "ORIGIN_AT", nullable = false)
    private long originAt;
    @Column(name = "ORIGIN_IDP", length = 255)
    private String originIdp;
    @Column(name = "FIRST_SSO_AT")
    private Long firstSignInAt;
    @Column(name = "LAST_SSO_AT")
    private Long lastSignInAt;
    @Column(name = "LAST_SSO_DAY")
    private Long lastSignInDay;
    @Column(name = "LAST_SSO_IDP", length = 255)
    private String lastSignInIdp;
    @Column(name = "GRANTED_ROLES", length = 4000)
    private String grantedRoles;
    @Column(name = "GRANTED_GROUPS", length = 4000)
    private String grantedGroups;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getOrigin() { return origin; }
    public void setOrigin(String origin) { this.origin = origin; }
    public long getOriginAt() { return originAt; }
    public void setOriginAt(long originAt) { this.originAt = originAt; }
    public String getOriginIdp() { return originIdp; }
    public void setOriginIdp(String originIdp) { this.originIdp = originIdp; }
    public Long getFirstSignInAt() { return firstSignInAt; }
    public void setFirstSignInAt(Long firstSignInAt) { this.firstSignInAt = firstSignInAt; }
    public Long getLastSignInAt() { return lastSignInAt; }
    public void setLastSignInAt(Long lastSignInAt) { this.lastSignInAt = lastSignInAt; }
    public Long getLastSignInDay() { return lastSignInDay; }
    public void setLastSignInDay(Long lastSignInDay) { this.lastSignInDay = lastSignInDay; }
    public String getLastSignInIdp() { return lastSignInIdp; }
    public void setLastSignInIdp(String lastSignInIdp) { this.lastSignInIdp = lastSignInIdp; }
    public String getGrantedRoles() { return grantedRoles; }
    public void setGrantedRoles(String grantedRoles) { this.grantedRoles = grantedRoles; }
    public String getGrantedGroups() { return grantedGroups; }
    public void setGrantedGroups(String grantedGroups) { this.grantedGroups = grantedGroups; }
}
