package io.github.jitprovisioning.portal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.jpa.entities.OrganizationEntity;

/**
 * Serializes the portal's changes of an organization's admins: the organization's row in Keycloak's {@code ORG}
 * table, read again and locked ({@code SELECT ... FOR UPDATE}, JPA {@link LockModeType#PESSIMISTIC_WRITE}) until the
 * request's transaction ends. The lock is the database's, so it holds across the nodes of a cluster; a second
 * request waits, then counts the admins as the first one left them.
 */
final class OrganizationLock {

    private OrganizationLock() {
    }

    static void lock(KeycloakSession session, OrganizationModel organization) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        OrganizationEntity row = em.find(OrganizationEntity.class, organization.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ApiResponses.refuse(jakarta.ws.rs.core.Response.Status.NOT_FOUND, "not_found", "no such organization");
        }
    }
}
