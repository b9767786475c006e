package io.github.jitprovisioning.admin;

import io.github.jitprovisioning.provisioning.FlowSteps;
import io.github.jitprovisioning.authenticator.JitDomainCheckAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.Optional;

/**
 * Where a first login through an IdP would find the JIT step: the IdP's first broker login flow, or the
 * realm's, searched through its sub-flows for the {@value JitDomainCheckAuthenticatorFactory#PROVIDER_ID}
 * execution; its configuration holds the realm settings.
 *
 * @param flowAlias the flow a first login through the IdP runs, or {@code null} when none is set
 * @param step      the JIT step's requirement in that flow, or {@code null} when the flow has no JIT step
 * @param config    the step's configuration, or {@code null} when it was never configured
 */
record JitStepSettings(String flowAlias, AuthenticationExecutionModel.Requirement step, Map<String, String> config) {

    static JitStepSettings of(RealmModel realm, IdentityProviderModel idp) {
        AuthenticationFlowModel flow = null;
        if (idp.getFirstBrokerLoginFlowId() != null && !idp.getFirstBrokerLoginFlowId().isBlank()) {
            flow = realm.getAuthenticationFlowById(idp.getFirstBrokerLoginFlowId());
        }
        if (flow == null) {
            flow = realm.getFirstBrokerLoginFlow();
        }
        if (flow == null) {
            return new JitStepSettings(null, null, null);
        }
        Optional<AuthenticationExecutionModel> execution =
                FlowSteps.find(realm, flow.getId(), JitDomainCheckAuthenticatorFactory.PROVIDER_ID);
        if (execution.isEmpty()) {
            return new JitStepSettings(flow.getAlias(), null, null);
        }
        String configId = execution.get().getAuthenticatorConfig();
        AuthenticatorConfigModel config = configId == null ? null : realm.getAuthenticatorConfigById(configId);
        return new JitStepSettings(flow.getAlias(), execution.get().getRequirement(),
                config == null ? null : config.getConfig());
    }

    /** Whether a real first login through the IdP would be decided by JIT. */
    boolean decides() {
        return step != null && step != AuthenticationExecutionModel.Requirement.DISABLED;
    }
}
