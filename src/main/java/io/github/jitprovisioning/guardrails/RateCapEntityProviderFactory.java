package io.github.jitprovisioning.guardrails;

import io.github.jitprovisioning.persistence.OwnTables;

/**
 * Contributes the rate cap's table ({@link RateWindowEntity}) and its own Liquibase changelog to Keycloak's database,
 * beside the domain claims' one: Keycloak runs it at startup and records it in its DATABASECHANGELOG table.
 */
public final class RateCapEntityProviderFactory extends OwnTables {

    public static final String PROVIDER_ID = "jit-rate-cap";
    public static final String CHANGELOG = "META-INF/jit-rate-cap-changelog.xml";

    public RateCapEntityProviderFactory() {
        super(PROVIDER_ID, CHANGELOG, RateWindowEntity.class);
    }
}
