package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.decision.UnknownDomainCache;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.cache.infinispan.events.CacheKeyInvalidatedEvent;
import org.keycloak.organization.OrganizationProvider;

/**
 * Keycloak's {@code getByDomainName} with a memory of the domains no organization owns (Keycloak caches only the
 * domains it finds, so every login of an unregistered domain would query the database again). The memory is the
 * node's {@link UnknownDomainCache}, held by {@link OrganizationChangesListenerFactory}; {@link #forget} empties a
 * realm's part of it on every node of the cluster after an organization change commits.
 */
public final class UnknownDomains {

    /** The task key of the cluster event that empties a realm's part of the cache on the other nodes. */
    static final String CLUSTER_TASK = "jit-unknown-domains";
    /** The realm id that stands for "all realms" in the cluster event. */
    static final String ALL_REALMS = "*";

    private static final Logger LOG = Logger.getLogger(UnknownDomains.class);

    private UnknownDomains() {
    }

    /** The organization owning {@code asciiDomain} (normalized) in the session's realm, or {@code null}. */
    static OrganizationModel owner(KeycloakSession session, OrganizationProvider organizations, String asciiDomain) {
        RealmModel realm = session.getContext().getRealm();
        UnknownDomainCache cache = cache(session);
        if (realm == null || cache == null) {
            return organizations.getByDomainName(asciiDomain);
        }
        if (cache.isUnknown(realm.getId(), asciiDomain)) {
            return null;
        }
        long generation = cache.generation();
        OrganizationModel owner = organizations.getByDomainName(asciiDomain);
        if (owner == null) {
            cache.remember(realm.getId(), asciiDomain, generation);
        }
        return owner;
    }

    /**
     * Empties the realm's part of the cache on every node once the session's transaction has committed (nothing
     * if it rolls back). Call it from any code that adds, renames or removes organization domains outside the admin
     * REST API (whose changes {@link OrganizationChangesListenerFactory} sees itself).
     */
    public static void forget(KeycloakSession session, String realmId) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                forgetNow(session, realmId);
            }

            @Override
            protected void rollbackImpl() {
                // nothing changed
            }
        });
    }

    private static void forgetNow(KeycloakSession session, String realmId) {
        UnknownDomainCache cache = cache(session);
        if (cache != null) {
            cache.forget(realmId);
        }
        ClusterProvider cluster = session.getProvider(ClusterProvider.class);
        if (cluster != null) {
            cluster.notify(CLUSTER_TASK, new CacheKeyInvalidatedEvent(realmId == null ? ALL_REALMS : realmId), true,
                    ClusterProvider.DCNotify.ALL_DCS);
        }
        LOG.debugf("forgot the unknown domains of realm %s on all nodes", realmId);
    }

    private static UnknownDomainCache cache(KeycloakSession session) {
        return session.getKeycloakSessionFactory().getProviderFactory(EventListenerProvider.class,
                        OrganizationChangesListenerFactory.PROVIDER_ID) instanceof OrganizationChangesListenerFactory factory
                ? factory.cache() : null;
    }
}
