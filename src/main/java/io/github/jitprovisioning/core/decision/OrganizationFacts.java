package io.github.jitprovisioning.core.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the decision needs to know about one Keycloak organization, copied out of the model so that the
 * core stays free of Keycloak types.
 *
 * @param domains    the registered domains; {@code null} reads as none
 * @param attributes the organization's attributes, where the {@code jit.*} settings live; {@code null} reads as
 *                   none; copied deeply (a value list may hold {@code null} entries, which readers skip)
 */
public record OrganizationFacts(String id, String name, boolean enabled, List<RegisteredDomain> domains,
                                Map<String, List<String>> attributes) {

    public OrganizationFacts {
        domains = domains == null ? List.of() : List.copyOf(domains);
        attributes = copyOf(attributes);
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> attributes) {
        if (attributes == null) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((key, values) -> {
            if (key != null && values != null) {
                copy.put(key, Collections.unmodifiableList(new ArrayList<>(values)));
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
