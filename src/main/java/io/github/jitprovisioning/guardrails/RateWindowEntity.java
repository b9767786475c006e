package io.github.jitprovisioning.guardrails;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Table {@code JIT_RATE_WINDOW}: one row per organization and window (hour) in which JIT provisioned someone or was
 * asked about its room (created by the Liquibase changelog {@value RateCapEntityProviderFactory#CHANGELOG}). The primary
 * key is the organization and the window's start, so a second insert of the same window fails on every database.
 * {@code PROVISIONED} counts the users provisioned in the window; {@code RESUMED_AT} is the count when a realm admin
 * last resumed JIT for the organization (at {@code RESUMED_TIME}): the cap applies to {@code PROVISIONED - RESUMED_AT}.
 */
@Entity
@Table(name = "JIT_RATE_WINDOW")
@NamedQueries({
        // scalars, not the entity: always the database's values, whatever this transaction's context holds
        @NamedQuery(name = "jitRateWindowRead", query = "select w.provisioned, w.resumedAt, w.resumedTime"
                + " from RateWindowEntity w where w.id = :id"),
        @NamedQuery(name = "jitRateWindowTake", query = "update RateWindowEntity w set w.provisioned = w.provisioned + 1"
                + " where w.id = :id and w.provisioned - w.resumedAt < :cap"),
        @NamedQuery(name = "jitRateWindowResume", query = "update RateWindowEntity w set w.resumedAt = w.provisioned,"
                + " w.resumedTime = :now where w.id = :id"),
        @NamedQuery(name = "jitRateWindowDeleteBefore", query = "delete from RateWindowEntity w"
                + " where w.windowStart < :start"),
        @NamedQuery(name = "jitRateWindowDeleteByOrganization", query = "delete from RateWindowEntity w"
                + " where w.organizationId = :organizationId")
})
public class RateWindowEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;
    @Column(name = "ORG_ID", length = 255, nullable = false)
    private String organizationId;
    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;
    @Column(name = "PROVISIONED", nullable = false)
    private int provisioned;
    @Column(name = "RESUMED_AT", nullable = false)
    private int resumedAt;
    @Column(name = "RESUMED_TIME")
    private Long resumedTime;

    public RateWindowEntity() {
    }

    RateWindowEntity(String id, String realmId, String organizationId, long windowStart) {
        this.id = id;
        this.realmId = realmId;
        this.organizationId = organizationId;
        this.windowStart = windowStart;
    }

    public String getId() {
        return id;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public long getWindowStart() {
        return windowStart;
    }

    public int getProvisioned() {
        return provisioned;
    }

    public int getResumedAt() {
        return resumedAt;
    }

    /** When a realm admin last resumed JIT for the organization in this window (epoch milliseconds), or {@code null}. */
    public Long getResumedTime() {
        return resumedTime;
    }
}
