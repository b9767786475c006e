package io.github.jitprovisioning.domains;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Table {@code JIT_DOMAIN_CLAIM}: one row per organization and claimed domain (created by the Liquibase changelog
 * {@value JitDomainEntityProviderFactory#CHANGELOG}). Times are epoch milliseconds.
 */
@Entity
@Table(name = "JIT_DOMAIN_CLAIM")
@NamedQueries({
        @NamedQuery(name = "jitDomainClaimsByOrganization",
                query = "select c from JitDomainClaimEntity c where c.realmId = :realmId and c.organizationId = :organizationId order by c.domain"),
        @NamedQuery(name = "jitDomainClaimsByDomain",
                query = "select c from JitDomainClaimEntity c where c.realmId = :realmId and c.domain = :domain"),
        @NamedQuery(name = "jitDomainClaimsDue", query = JitDomainClaimEntity.DUE + JitDomainClaimEntity.DUE_ORDER),
        @NamedQuery(name = "jitDomainClaimsDueInRealms",
                query = JitDomainClaimEntity.DUE + " and c.realmId in :realmIds" + JitDomainClaimEntity.DUE_ORDER),
        @NamedQuery(name = "jitDomainClaimsDueOutsideRealms",
                query = JitDomainClaimEntity.DUE + " and c.realmId not in :realmIds" + JitDomainClaimEntity.DUE_ORDER),
        @NamedQuery(name = "jitDomainClaimsVerifiedByOrganization",
                query = "select c from JitDomainClaimEntity c where c.realmId = :realmId and c.organizationId = :organizationId and c.state = 'verified'"),
        @NamedQuery(name = "jitDomainClaimsDeleteByOrganization",
                query = "delete from JitDomainClaimEntity c where c.realmId = :realmId and c.organizationId = :organizationId")
})
public class JitDomainClaimEntity {

    /**
     * The claims a background run may take: {@code ClaimPolicy.TakeBounds.admits} with the bounds in epoch milliseconds
     * ({@code :pendingBound}, {@code :verifiedBound}). Index {@code IDX_JIT_DOMAIN_CLAIM_DUE} (state, by hand, last
     * check) serves it.
     */
    static final String DUE = "select c from JitDomainClaimEntity c where ("
            + "(c.state = 'pending' and (c.lastCheckedAt is null or c.lastCheckedAt <= :pendingBound)"
            + " and (c.checkTakenAt is null or c.checkTakenAt <= :pendingBound))"
            + " or (c.state = 'verified' and c.verifiedByHand = false"
            + " and (c.lastCheckedAt is null or c.lastCheckedAt <= :verifiedBound)"
            + " and (c.checkTakenAt is null or c.checkTakenAt <= :verifiedBound)))";
    /**
     * Most overdue first: the order of {@code ClaimPolicy.dueAt} (never checked: since the pending period began), with
     * the intervals in milliseconds ({@code :pendingInterval}, {@code :verifiedInterval}).
     */
    static final String DUE_ORDER = " order by case when c.lastCheckedAt is null then c.pendingSince"
            + " when c.state = 'pending' then c.lastCheckedAt + :pendingInterval"
            + " else c.lastCheckedAt + :verifiedInterval end, c.id";

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;
    @Column(name = "ORG_ID", length = 255, nullable = false)
    private String organizationId;
    @Column(name = "DOMAIN_NAME", length = 255, nullable = false)
    private String domain;
    @Column(name = "TOKEN", length = 64, nullable = false)
    private String token;
    @Column(name = "STATE", length = 16, nullable = false)
    private String state;
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;
    @Column(name = "PENDING_SINCE", nullable = false)
    private long pendingSince;
    @Column(name = "VERIFIED_AT")
    private Long verifiedAt;
    @Column(name = "FAILED_AT")
    private Long failedAt;
    @Column(name = "LAST_CHECKED_AT")
    private Long lastCheckedAt;
    @Column(name = "LAST_OUTCOME", length = 16)
    private String lastOutcome;
    @Column(name = "LAST_MANUAL_CHECK_AT")
    private Long lastManualCheckAt;
    @Column(name = "NEGATIVES", nullable = false)
    private int negatives;
    @Column(name = "FIRST_NEGATIVE_AT")
    private Long firstNegativeAt;
    @Column(name = "VERIFIED_BY_HAND", nullable = false)
    private boolean verifiedByHand;
    @Column(name = "CHECK_TAKEN_AT")
    private Long checkTakenAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getPendingSince() { return pendingSince; }
    public void setPendingSince(long pendingSince) { this.pendingSince = pendingSince; }
    public Long getVerifiedAt() { return verifiedAt; }
    public void setVerifiedAt(Long verifiedAt) { this.verifiedAt = verifiedAt; }
    public Long getFailedAt() { return failedAt; }
    public void setFailedAt(Long failedAt) { this.failedAt = failedAt; }
    public Long getLastCheckedAt() { return lastCheckedAt; }
    public void setLastCheckedAt(Long lastCheckedAt) { this.lastCheckedAt = lastCheckedAt; }
    public String getLastOutcome() { return lastOutcome; }
    public void setLastOutcome(String lastOutcome) { this.lastOutcome = lastOutcome; }
    public Long getLastManualCheckAt() { return lastManualCheckAt; }
    public void setLastManualCheckAt(Long lastManualCheckAt) { this.lastManualCheckAt = lastManualCheckAt; }
    public int getNegatives() { return negatives; }
    public void setNegatives(int negatives) { this.negatives = negatives; }
    public Long getFirstNegativeAt() { return firstNegativeAt; }
    public void setFirstNegativeAt(Long firstNegativeAt) { this.firstNegativeAt = firstNegativeAt; }
    public boolean isVerifiedByHand() { return verifiedByHand; }
    public void setVerifiedByHand(boolean verifiedByHand) { this.verifiedByHand = verifiedByHand; }
    public Long getCheckTakenAt() { return checkTakenAt; }
    public void setCheckTakenAt(Long checkTakenAt) { this.checkTakenAt = checkTakenAt; }
}
