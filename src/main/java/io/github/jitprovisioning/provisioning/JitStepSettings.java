package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.settings.RealmSettings;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.Optional;

/**
 * Where a first login through an IdP would find the JIT step: the IdP's first broker login flow, or the
 * realm's, searched through its sub-flows for the {@value #DOMAIN_CHECK_PROVIDER_ID}
 * execution; its configuration holds the realm settings.
 *
 * @param flowAlias the flow a first login through the IdP runs, or {@code null} when none is set
 * @param step      the JIT step's requirement in that flow, or {@code null} when the flow has no JIT step
 * @param config    the step's configuration, or {@code null} when it was never configured
 */
public record JitStepSettings(String flowAlias, AuthenticationExecutionModel.Requirement step, Map<String, String> config) {

    /** The provider id of the JIT domain-check step ({@code JitDomainCheckAuthenticatorFactory.PROVIDER_ID}). */
    public static final String DOMAIN_CHECK_PROVIDER_ID = "jit-domain-check";

    public static JitStepSettings of(RealmModel realm, IdentityProviderModel idp) {
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
                FlowSteps.find(realm, flow.getId(), DOMAIN_CHECK_PROVIDER_ID);
        if (execution.isEmpty()) {
            return new JitStepSettings(flow.getAlias(), null, null);
        }
        String configId = execution.get().getAuthenticatorConfig();
        AuthenticatorConfigModel config = configId == null ? null : realm.getAuthenticatorConfigById(configId);
        return new JitStepSettings(flow.getAlias(), execution.get().getRequirement(),
                config == null ? null : config.getConfig());
    }

    /**
     * The realm settings that a first login through {@code idp} would use (the defaults when its flow has no
     * configured JIT step); an unknown value is logged once per realm.
     */
    public static RealmSettings realmSettings(RealmModel realm, IdentityProviderModel idp) {
        return RealmSettings.fromConfig(of(realm, idp).config(), new ConfigLog(realm.getName()));
    }

    /** Whether a real first login through the IdP would be decided by JIT. */
    public boolean decides() {
        return step != null && step != AuthenticationExecutionModel.Requirement.DISABLED;
    }
}
