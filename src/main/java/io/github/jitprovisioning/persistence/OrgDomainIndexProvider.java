package io.github.jitprovisioning.persistence;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

/**
 * Contributes no entity, only a Liquibase changelog: an index on {@code ORG_DOMAIN(NAME)}, which Keycloak's
 * {@code OrganizationProvider.getByDomainName} (asked at every JIT first login) needs and Keycloak does not create.
 * Keycloak runs the changelog at start, recorded in its own table ({@code DATABASECHANGELOG_JIT_ORG_DO}),
 * after Keycloak's own schema.
 */
final class OrgDomainIndexProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/jit-changelog-org-domain-index.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of();
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return OrgDomainIndexProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
