package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.guardrails.RateCap;
import io.github.jitprovisioning.guardrails.ProvisioningRateCap;
import io.github.jitprovisioning.provisioning.ConfigLog;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.util.Map;

/**
 * The organization's provisioning rate cap as the portal shows it, read-only (the overview's facts and the banner of
 * the overview and the decision log while JIT is paused): the cap is the realm admin's, the portal never writes it.
 */
final class RateCapView {

    private RateCapView() {
    }

    static Map<String, Object> of(KeycloakSession session, RealmModel realm, OrganizationModel organization) {
        ProvisioningRateCap rateCap = new ProvisioningRateCap(session, realm);
        RateCap cap = rateCap.cap(organization, RealmOptions.stepConfig(realm, organization), new ConfigLog(realm.getName()));
        return rateCap.status(organization.getId(), cap).toJson();
    }
}
