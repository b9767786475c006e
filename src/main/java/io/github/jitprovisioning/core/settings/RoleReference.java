package io.github.jitprovisioning.core.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * How a role named in {@code jit.default-roles} is read, the way Keycloak's hardcoded-role mapper reads it
 * ({@code KeycloakModelUtils.getRoleFromString}): client ids may contain dots, so {@code my.app.viewer} is tried
 * as client {@code my.app} with role {@code viewer}, then as client {@code my} with role {@code app.viewer}: the
 * longest client id that exists decides (even when that client has no such role). Only when no prefix is a
 * client is the whole text a realm role name. At most {@value #MAX_CLIENT_LOOKUPS} client ids are tried.
 *
 * @param clientId the client id to look up
 * @param roleName the role of that client
 */
public record RoleReference(String clientId, String roleName) {

    /** As Keycloak's own limit of client lookups while resolving one role name. */
    public static final int MAX_CLIENT_LOOKUPS = 25;

    /** The client-role readings of {@code reference}, longest client id first; empty when it has no dot. */
    public static List<RoleReference> clientCandidates(String reference) {
        List<RoleReference> candidates = new ArrayList<>();
        if (reference == null) {
            return candidates;
        }
        int dot = reference.lastIndexOf('.');
        while (dot >= 0 && candidates.size() < MAX_CLIENT_LOOKUPS) {
            candidates.add(new RoleReference(reference.substring(0, dot), reference.substring(dot + 1)));
            dot = dot == 0 ? -1 : reference.lastIndexOf('.', dot - 1);
        }
        return candidates;
    }
}
