package io.github.jitprovisioning.provisioning;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.jpa.entities.OrganizationEntity;

/**
 * Serializes changes that must count something of one organization first (its admins in the portal, its domain
 * claims against the cap): the organization's row in Keycloak's {@code ORG} table, read again and locked
 * ({@code SELECT ... FOR UPDATE}, JPA {@link LockModeType#PESSIMISTIC_WRITE}) until the request's transaction ends.
 * The lock is the database's, so it holds across the nodes of a cluster; a second request waits, then counts what
 * the first one left.
 */
public final class OrganizationRowLock {

    private OrganizationRowLock() {
    }

    /** @return whether the organization's row exists (and is now locked) */
    public static boolean lock(KeycloakSession session, String organizationId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        return em.find(OrganizationEntity.class, organizationId, LockModeType.PESSIMISTIC_WRITE) != null;
    }
}
