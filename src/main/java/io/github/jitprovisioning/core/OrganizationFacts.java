package io.github.jitprovisioning.core;

import java.util.List;
import java.util.Map;

/**
 * What the decision needs to know about one Keycloak organization, copied out of the model so that the
 * core stays free of Keycloak types.
 *
 * @param attributes the organization's attributes, where the {@code jit.*} settings live
 */
public record OrganizationFacts(String id, String name, boolean enabled, List<RegisteredDomain> domains,
                                Map<String, List<String>> attributes) {

    public OrganizationFacts {
        domains = List.copyOf(domains);
        attributes = Map.copyOf(attributes);
    }
}
