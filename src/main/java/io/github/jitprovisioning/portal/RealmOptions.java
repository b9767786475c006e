package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.authenticator.JitDomainCheckAuthenticatorFactory;
import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.domains.DomainOptions;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.FlowSteps;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the portal's realm options: in the configuration of the {@code jit-domain-check} step of the first broker
 * login flow that the organization's identity providers use (the first one that has the step), else of the realm's
 * first broker login flow. No step or no configuration: the defaults.
 */
public final class RealmOptions {

    private RealmOptions() {
    }

    public static PortalOptions of(RealmModel realm, OrganizationModel organization) {
        return PortalOptions.fromConfig(stepConfig(realm, organization), new ConfigLog(realm.getName()));
    }

    /** The domain verification's realm options ({@link DomainOptions}) for the organization. */
    public static DomainOptions domains(RealmModel realm, OrganizationModel organization) {
        return DomainOptions.fromConfig(stepConfig(realm, organization), new ConfigLog(realm.getName()));
    }

    public static Map<String, String> stepConfig(RealmModel realm, OrganizationModel organization) {
        List<AuthenticationFlowModel> flows = new ArrayList<>();
        if (organization != null) {
            organization.getIdentityProviders().map(IdentityProviderModel::getFirstBrokerLoginFlowId)
                    .filter(id -> id != null && !id.isBlank())
                    .map(realm::getAuthenticationFlowById)
                    .filter(flow -> flow != null)
                    .forEach(flows::add);
        }
        if (realm.getFirstBrokerLoginFlow() != null) {
            flows.add(realm.getFirstBrokerLoginFlow());
        }
        for (AuthenticationFlowModel flow : flows) {
            Optional<AuthenticationExecutionModel> step =
                    FlowSteps.find(realm, flow.getId(), JitDomainCheckAuthenticatorFactory.PROVIDER_ID);
            if (step.isPresent()) {
                String configId = step.get().getAuthenticatorConfig();
                AuthenticatorConfigModel config = configId == null ? null : realm.getAuthenticatorConfigById(configId);
                return config == null ? Map.of() : config.getConfig();
            }
        }
        return Map.of();
    }
}
