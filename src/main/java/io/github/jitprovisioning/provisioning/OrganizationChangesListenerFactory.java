package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.decision.UnknownDomainCache;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.models.cache.infinispan.events.InvalidationEvent;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.List;
import java.util.Map;

/**
 * The global {@value #PROVIDER_ID} event listener (no realm needs to enable it): empties the realm's part of the
 * {@link UnknownDomainCache} after any organization change made through the admin REST API, on every node
 * (Keycloak's cluster events). Holds the node's cache, the one piece of state of this extension outside the
 * database and Keycloak's own caches: bounded ({@code unknown-domain-cache-size}, default
 * {@value #DEFAULT_SIZE} entries) and expiring ({@code unknown-domain-ttl-seconds}, default
 * {@value #DEFAULT_TTL_SECONDS} s; 0 turns the cache off).
 */
public final class OrganizationChangesListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "jit-organization-changes";
    static final int DEFAULT_SIZE = 10_000;
    static final int DEFAULT_TTL_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(OrganizationChangesListenerFactory.class);

    private UnknownDomainCache cache;
    private int size;
    private int ttlSeconds;

    @Override
    public void init(Config.Scope config) {
        size = Math.max(0, config.getInt("unknownDomainCacheSize", DEFAULT_SIZE));
        ttlSeconds = Math.max(0, config.getInt("unknownDomainTtlSeconds", DEFAULT_TTL_SECONDS));
        cache = new UnknownDomainCache(size, ttlSeconds * 1000L, System::nanoTime);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Not in postInit itself: a session opened while the providers are still being initialized can reach the
        // JPA provider before its EntityManagerFactory exists ("emf is null"), which fails the server's start.
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                registerClusterListener(factory);
            }
        });
    }

    private void registerClusterListener(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            ClusterProvider cluster = session.getProvider(ClusterProvider.class);
            if (cluster == null) {
                LOG.warn("no cluster provider: the unknown-domain cache of other nodes is emptied only by expiry");
                return;
            }
            cluster.registerListener(UnknownDomains.CLUSTER_TASK, event -> {
                if (event instanceof InvalidationEvent invalidation) {
                    String realmId = invalidation.getId();
                    cache.forget(UnknownDomains.ALL_REALMS.equals(realmId) ? null : realmId);
                }
            });
        });
    }

    UnknownDomainCache cache() {
        return cache;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                // user events change no organization
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (event.getResourceType() == ResourceType.ORGANIZATION && event.getError() == null) {
                    UnknownDomains.forget(session, event.getRealmId());
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("unknown-domain-cache-size").type("int").defaultValue(DEFAULT_SIZE)
                .helpText("Domains no organization owns, remembered per node (0 turns the memory off)").add()
                .property().name("unknown-domain-ttl-seconds").type("int").defaultValue(DEFAULT_TTL_SECONDS)
                .helpText("How long a remembered unknown domain is trusted (0 turns the memory off)").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new java.util.LinkedHashMap<>(Version.operationalInfo());
        info.put("unknown-domain-cache-size", Integer.toString(size));
        info.put("unknown-domain-ttl-seconds", Integer.toString(ttlSeconds));
        return info;
    }

    @Override
    public void close() {
    }
}
