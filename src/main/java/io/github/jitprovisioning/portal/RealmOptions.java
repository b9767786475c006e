package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.rollout.JitMode;
import io.github.jitprovisioning.core.rollout.PortalModes;
import io.github.jitprovisioning.authenticator.JitDomainCheckAuthenticatorFactory;
import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.domains.DomainOptions;
import io.github.jitprovisioning.core.sso.PortalSsoOptions;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.FlowSteps;
import io.github.jitprovisioning.provisioning.JitStepSettings;
import io.github.jitprovisioning.provisioning.JitStepSettings.StepInFlow;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** The modes ({@link PortalModes}) that the portal may set for the organization. */
    public static Set<JitMode> portalModes(RealmModel realm, OrganizationModel organization) {
        return PortalModes.fromConfig(stepConfig(realm, organization), new ConfigLog(realm.getName()));
    }

    /**
     * The portal's Single sign-on options ({@link PortalSsoOptions}) for the organization: from {@link #ssoStep}.
     */
    public static PortalSsoOptions sso(RealmModel realm, OrganizationModel organization) {
        Map<String, String> config = ssoStep(realm, organization)
                .map(found -> JitStepSettings.configOf(realm, found.step())).orElse(Map.of());
        return PortalSsoOptions.fromConfig(config, new ConfigLog(realm.getName()));
    }

    /**
     * The JIT step that holds the Single sign-on options: as for the other options ({@link JitStepSettings#organizationStep}); for an
     * organization without an IdP on a JIT flow in a realm whose first broker login flow has no JIT step (the usual
     * case of a customer who is about to connect their first IdP), the first top-level flow of the realm, by alias,
     * that has the step.
     */
    public static Optional<StepInFlow> ssoStep(RealmModel realm, OrganizationModel organization) {
        Optional<StepInFlow> found = JitStepSettings.organizationStep(realm, organization);
        if (found.isPresent()) {
            return found;
        }
        return realm.getAuthenticationFlowsStream().filter(AuthenticationFlowModel::isTopLevel)
                .sorted(Comparator.comparing(AuthenticationFlowModel::getAlias))
                .flatMap(flow -> FlowSteps.find(realm, flow.getId(), JitDomainCheckAuthenticatorFactory.PROVIDER_ID)
                        .map(step -> new StepInFlow(flow, step)).stream())
                .findFirst();
    }

    public static Map<String, String> stepConfig(RealmModel realm, OrganizationModel organization) {
        return JitStepSettings.organizationConfig(realm, organization);
    }

}
