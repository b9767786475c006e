package io.github.jitprovisioning.domains;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI {@value #NAME}: one provider, {@code default}, configured by its SPI options. */
public final class DomainVerificationSpi implements Spi {

    public static final String NAME = "jit-domain-verification";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return DomainVerificationService.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return DomainVerificationServiceFactory.class;
    }
}
