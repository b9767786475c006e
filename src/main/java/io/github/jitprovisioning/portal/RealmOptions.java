package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.domains.DomainOptions;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.JitStepSettings;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.util.Map;

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

    static Map<String, String> stepConfig(RealmModel realm, OrganizationModel organization) {
        return JitStepSettings.organizationConfig(realm, organization);
    }
}
