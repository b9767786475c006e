package io.github.jitprovisioning.authenticator;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * "JIT: provision organization member" ({@value #PROVIDER_ID}): the last step of the JIT first broker login
 * flow, after Keycloak created the user. It replaces Keycloak's "Organization Member Onboard" step there.
 */
public final class JitProvisionMemberAuthenticatorFactory extends JitAuthenticatorFactory {

    public static final String PROVIDER_ID = "jit-provision-member";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new JitProvisionMemberAuthenticator();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "JIT: provision organization member";
    }

    @Override
    public String getHelpText() {
        return "Just-In-Time provisioning: makes the new user a managed member of the organization and grants its "
                + "groups and default roles. Put it last in the first broker login flow, instead of Organization Member Onboard.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
