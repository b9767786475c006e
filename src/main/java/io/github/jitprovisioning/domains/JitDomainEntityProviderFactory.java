package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.persistence.OwnTables;

/**
 * Contributes the domain claim table to Keycloak's database: the entity and its Liquibase changelog. Keycloak runs
 * the changelog at startup (its own migration strategy applies) and records it in its DATABASECHANGELOG table.
 */
public final class JitDomainEntityProviderFactory extends OwnTables {

    public static final String PROVIDER_ID = "jit-domain-claims";
    public static final String CHANGELOG = "META-INF/jit-domain-claims-changelog.xml";

    public JitDomainEntityProviderFactory() {
        super(PROVIDER_ID, CHANGELOG, JitDomainClaimEntity.class);
    }
}
