package io.github.jitprovisioning.authenticator;

import io.github.jitprovisioning.provisioning.KeycloakCompat;
import io.github.jitprovisioning.provisioning.Version;
import org.keycloak.Config;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Map;

/**
 * What both JIT first-broker-login steps have in common: Required or Disabled only, no user setup, no state
 * (a factory is one instance per node), and the JAR's version in the admin console's provider info.
 */
abstract class JitAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public final String getReferenceCategory() {
        return "jit-provisioning";
    }

    @Override
    public final AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public final boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public final Map<String, String> getOperationalInfo() {
        return Version.operationalInfo();
    }

    @Override
    public final void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
        KeycloakCompat.logAvailability(); // once per node: what runs degraded on an older Keycloak 26
    }

    @Override
    public final void close() {
    }
}
