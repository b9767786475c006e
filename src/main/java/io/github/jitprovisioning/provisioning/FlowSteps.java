package io.github.jitprovisioning.provisioning;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds a step of an authentication flow, searching its sub-flows too. */
public final class FlowSteps {

    private FlowSteps() {
    }

    /** The first execution of {@code providerId} in the flow or its sub-flows, depth first, in flow order. */
    public static Optional<AuthenticationExecutionModel> find(RealmModel realm, String flowId, String providerId) {
        return find(realm, flowId, providerId, new HashSet<>());
    }

    /** The configuration of the first execution of {@code providerId} in the flow, or {@code null} when it has none. */
    public static Map<String, String> config(RealmModel realm, String flowId, String providerId) {
        return find(realm, flowId, providerId)
                .map(AuthenticationExecutionModel::getAuthenticatorConfig)
                .map(realm::getAuthenticatorConfigById)
                .map(AuthenticatorConfigModel::getConfig)
                .orElse(null);
    }

    private static Optional<AuthenticationExecutionModel> find(RealmModel realm, String flowId, String providerId,
                                                               Set<String> seen) {
        if (flowId == null || !seen.add(flowId)) {
            return Optional.empty();
        }
        return realm.getAuthenticationExecutionsStream(flowId)
                .map(execution -> execution.isAuthenticatorFlow()
                        ? find(realm, execution.getFlowId(), providerId, seen)
                        : Optional.of(execution).filter(e -> providerId.equals(e.getAuthenticator())))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
