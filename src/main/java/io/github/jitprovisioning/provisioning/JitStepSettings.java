package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.settings.RealmSettings;
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
        return io.github.jitprovisioning.sso.SelfServiceIdps.settingsFor(
                RealmSettings.fromConfig(of(realm, idp).config(), new ConfigLog(realm.getName())), idp);
    }

    /**
     * The realm options that apply to an organization: the configuration of the {@value #DOMAIN_CHECK_PROVIDER_ID}
     * step of the first broker login flow that the organization's identity providers use (the first one that has the
     * step), else of the realm's first broker login flow; none: an empty map (the defaults).
     */
    public static Map<String, String> organizationConfig(RealmModel realm, OrganizationModel organization) {
        return organizationStep(realm, organization).map(found -> configOf(realm, found.step())).orElse(Map.of());
    }

    /** A flow and its {@code jit-domain-check} step. */
    public record StepInFlow(AuthenticationFlowModel flow, AuthenticationExecutionModel step) {
    }

    /**
     * The flow whose {@code jit-domain-check} step holds the organization's realm options, and that step: the first
     * broker login flows of the organization's identity providers (the first that has the step), else the realm's.
     */
    public static Optional<StepInFlow> organizationStep(RealmModel realm, OrganizationModel organization) {
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
            Optional<AuthenticationExecutionModel> step = FlowSteps.find(realm, flow.getId(), DOMAIN_CHECK_PROVIDER_ID);
            if (step.isPresent()) {
                return Optional.of(new StepInFlow(flow, step.get()));
            }
        }
        return Optional.empty();
    }

    /** The configuration of a step; empty when it has none. */
    public static Map<String, String> configOf(RealmModel realm, AuthenticationExecutionModel step) {
        String configId = step.getAuthenticatorConfig();
        AuthenticatorConfigModel config = configId == null ? null : realm.getAuthenticatorConfigById(configId);
        return config == null ? Map.of() : config.getConfig();
    }

    /** Whether a real first login through the IdP would be decided by JIT. */
    public boolean decides() {
        return step != null && step != AuthenticationExecutionModel.Requirement.DISABLED;
    }
}
