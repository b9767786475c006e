package io.github.jitprovisioning.members;

import io.github.jitprovisioning.persistence.OwnTables;

/**
 * Contributes the member table (origin and SSO sign-ins of organization members) to Keycloak's database: the entity
 * and its Liquibase changelog.
 */
public final class JitMemberEntityProviderFactory extends OwnTables {

    public static final String PROVIDER_ID = "jit-members";
    public static final String CHANGELOG = "META-INF/jit-members-changelog.xml";

    public JitMemberEntityProviderFactory() {
        super(PROVIDER_ID, CHANGELOG, JitMemberEntity.class);
    }
}
