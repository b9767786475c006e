package io.github.jitprovisioning.guardrails;

import io.github.jitprovisioning.core.settings.ConfigProblems;
import io.github.jitprovisioning.core.guardrails.RateCap;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.provisioning.JitRecord;
import org.keycloak.organization.OrganizationProvider;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The provisioning rate cap of an organization against its count in the database ({@link RateWindowEntity}): whether
 * JIT for it is paused now, taking one place for a user being provisioned, and a realm admin's resume. The clock is
 * Keycloak's ({@link Time}), which its own tests move.
 *
 * <p>{@link #take} runs in the provisioning request's transaction: one conditional {@code UPDATE} that holds the row
 * until that transaction ends, so a rolled-back provisioning gives its place back and the nodes of a cluster never
 * pass the cap together. The window's row is inserted, when it is missing, in a transaction of its own (an insert that
 * loses the race on the primary key would otherwise abort the provisioning transaction on PostgreSQL); a row with no
 * one counted in it changes nothing.
 */
public final class ProvisioningRateCap {

    private static final Logger LOG = Logger.getLogger(ProvisioningRateCap.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public ProvisioningRateCap(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The organization's cap: its attribute, else the realm option of the check step's configuration. */
    public RateCap cap(OrganizationModel organization, Map<String, String> stepConfig, ConfigProblems problems) {
        return RateCap.of(stepConfig, organization.getAttributes(), organization.getName(), problems);
    }

    /** The organization's current window as the database holds it now. */
    public Status status(String organizationId, RateCap cap) {
        long now = Time.currentTimeMillis();
        long start = RateCap.windowStart(now);
        Object[] row = read(id(organizationId, start));
        int provisioned = row == null ? 0 : ((Number) row[0]).intValue();
        int counted = row == null ? 0 : provisioned - ((Number) row[1]).intValue();
        Instant resumed = row == null || row[2] == null ? null : Instant.ofEpochMilli(((Number) row[2]).longValue());
        return new Status(cap, Instant.ofEpochMilli(start), Instant.ofEpochMilli(RateCap.windowEnd(now)),
                provisioned, counted, resumed);
    }

    /** The window's row as the database holds it (provisioned, resumed at, resumed time), or {@code null}. */
    private Object[] read(String id) {
        List<?> rows = em().createNamedQuery("jitRateWindowRead").setParameter("id", id).getResultList();
        return rows.isEmpty() ? null : (Object[]) rows.get(0);
    }

    /**
     * Takes one place in the organization's current window for a user provisioned in this request's transaction.
     *
     * @return {@code false} when the cap is reached: nothing was counted, the login must be refused
     */
    public boolean take(String organizationId, RateCap cap) {
        if (!cap.capped()) {
            return true;
        }
        long start = RateCap.windowStart(Time.currentTimeMillis());
        String id = id(organizationId, start);
        if (increment(id, cap) == 1) {
            return true;
        }
        ensureRow(organizationId, start);
        if (increment(id, cap) == 1) {
            return true;
        }
        if (read(id) == null) {
            throw new IllegalStateException("the rate window row " + id + " could not be created");
        }
        return false;
    }

    /** A realm admin's resume: the cap counts again from now, for the rest of the window. */
    public Status resume(String organizationId, RateCap cap) {
        long now = Time.currentTimeMillis();
        long start = RateCap.windowStart(now);
        ensureRow(organizationId, start);
        em().createNamedQuery("jitRateWindowResume").setParameter("id", id(organizationId, start))
                .setParameter("now", now).executeUpdate();
        return status(organizationId, cap);
    }

    /**
     * The check step: a login that would provision a user into an organization whose JIT is paused is refused
     * {@code rate_limited} before Keycloak creates anyone. Other decisions (invitations, refusals, existing accounts)
     * pass unchanged: only provisioning counts, and only it is capped.
     */
    public JitRecord refuseWhenPaused(JitRecord record, Map<String, String> stepConfig, ConfigProblems problems) {
        OrganizationModel organization = provisioningInto(record);
        if (organization == null) {
            return record;
        }
        RateCap cap = cap(organization, stepConfig, problems);
        if (!cap.capped()) {
            return record;
        }
        Status status = status(organization.getId(), cap);
        return status.paused() ? limited(record, status) : record;
    }

    /**
     * The provisioning step, in the transaction that created the user: takes the user's place in the window.
     *
     * @return {@code null} when the place was taken (or the login provisions nothing capped), else the refusal
     */
    public JitRecord takeOrRefuse(JitRecord record, Map<String, String> stepConfig, ConfigProblems problems) {
        OrganizationModel organization = provisioningInto(record);
        if (organization == null) {
            return null;
        }
        RateCap cap = cap(organization, stepConfig, problems);
        if (take(organization.getId(), cap)) {
            return null;
        }
        return limited(record, status(organization.getId(), cap));
    }

    private OrganizationModel provisioningInto(JitRecord record) {
        if (record.reason() != Reason.PROVISIONED || record.organizationId() == null) {
            return null;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        return organizations == null ? null : organizations.getById(record.organizationId());
    }

    private JitRecord limited(JitRecord record, Status status) {
        LOG.infof("JIT %s: organization '%s' of realm '%s' reached its rate cap of %d users per hour; JIT for it is "
                        + "paused until %s or until a realm admin resumes it", record.reference(),
                record.organizationName(), realm.getName(), status.cap().perHour(), status.windowEnd());
        return record.refused(Reason.RATE_LIMITED).withWarnings(List.of(warning(status)));
    }

    /** The {@code jit_warnings} text of a {@code rate_limited} refusal (event, audit line). */
    static String warning(Status status) {
        return "rate cap of " + status.cap().perHour() + " users per hour (" + status.cap().source()
                + ") reached: JIT for this organization is paused until " + status.windowEnd()
                + " or until a realm admin resumes it";
    }

    private int increment(String id, RateCap cap) {
        return em().createNamedQuery("jitRateWindowTake").setParameter("id", id).setParameter("cap", cap.perHour())
                .executeUpdate();
    }

    /**
     * Inserts the window's row when it is missing, in a transaction of its own, and removes the rows of the windows
     * before the previous one (of every organization: they decide nothing any more; the previous hour's stays for a
     * node whose clock is a little behind). Another request or node may win the insert:
     * fine, the row is there then ({@link #take} checks).
     */
    private void ensureRow(String organizationId, long start) {
        String id = id(organizationId, start);
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), job -> {
                EntityManager em = job.getProvider(JpaConnectionProvider.class).getEntityManager();
                if (em.find(RateWindowEntity.class, id) == null) {
                    em.createNamedQuery("jitRateWindowDeleteBefore").setParameter("start", start - RateCap.WINDOW_MILLIS)
                            .executeUpdate();
                    em.persist(new RateWindowEntity(id, realm.getId(), organizationId, start));
                    em.flush();
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("JIT rate cap: the row %s was inserted by another request (%s)", id, e.getMessage());
        }
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private static String id(String organizationId, long windowStart) {
        return organizationId + "/" + windowStart;
    }

    /**
     * One organization's window.
     *
     * @param provisioned users provisioned in the window
     * @param counted     of those, the ones the cap counts (since a realm admin last resumed)
     * @param resumed     when a realm admin last resumed JIT for the organization in this window, or {@code null}
     */
    public record Status(RateCap cap, Instant windowStart, Instant windowEnd, int provisioned, int counted,
                         Instant resumed) {

        public boolean paused() {
            return cap.reached(counted);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("perHour", cap.perHour());
            json.put("source", cap.source());
            json.put("windowStart", windowStart.toString());
            json.put("windowEnd", windowEnd.toString());
            json.put("provisioned", provisioned);
            json.put("counted", counted);
            json.put("paused", paused());
            json.put("resumed", resumed == null ? null : resumed.toString());
            return json;
        }
    }
}
