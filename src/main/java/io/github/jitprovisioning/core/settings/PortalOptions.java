package io.github.jitprovisioning.core.settings;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The realm options of the self-service portal, read from the same place as the other realm options: the
 * configuration of the {@code jit-domain-check} execution.
 *
 * @param adminGroup     {@value #ADMIN_GROUP}: the name of the organization group whose members (who are also
 *                       members of the organization) administer it in the portal; default {@value #DEFAULT_ADMIN_GROUP}
 * @param grantableRoles {@value #GRANTABLE_ROLES}: the roles an organization admin may choose as default roles
 *                       ({@code role} or {@code clientId.role}); default none
 * @param grantableGroups {@value #GRANTABLE_GROUPS}: the realm groups (paths) an organization admin may choose;
 *                       default none (the organization's own groups are always offered)
 * @param linkLifetime   {@value #LINK_LIFETIME_HOURS}: how long a setup link stays valid unless the creator asks
 *                       for less; default 72 hours, at most 7 days
 */
public record PortalOptions(String adminGroup, List<String> grantableRoles, List<String> grantableGroups,
                            Duration linkLifetime) {

    public static final String ADMIN_GROUP = "jit.portal-admin-group";
    public static final String GRANTABLE_ROLES = RealmSettings.GRANTABLE_ROLES;
    public static final String GRANTABLE_GROUPS = RealmSettings.GRANTABLE_GROUPS;
    public static final String LINK_LIFETIME_HOURS = "jit.portal-link-lifetime-hours";

    public static final String DEFAULT_ADMIN_GROUP = "Admins";
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofHours(72);
    public static final Duration MAX_LINK_LIFETIME = Duration.ofDays(7);
    /** A session started from a setup link ends at the latest this long after it started. */
    public static final Duration MAX_LINK_SESSION = Duration.ofHours(8);

    public PortalOptions {
        grantableRoles = List.copyOf(grantableRoles);
        grantableGroups = List.copyOf(grantableGroups);
    }

    public static PortalOptions fromConfig(Map<String, String> config, ConfigProblems problems) {
        Map<String, String> cfg = config == null ? Map.of() : config;
        return new PortalOptions(
                adminGroup(cfg),
                Values.splitList(Collections.singletonList(cfg.get(GRANTABLE_ROLES))),
                Values.splitList(Collections.singletonList(cfg.get(GRANTABLE_GROUPS))),
                lifetime(cfg.get(LINK_LIFETIME_HOURS), problems));
    }

    /** The option {@value #ADMIN_GROUP} of an execution config ({@code null}: none), or its default. */
    public static String adminGroup(Map<String, String> config) {
        String group = config == null ? null : config.get(ADMIN_GROUP);
        return group == null || group.isBlank() ? DEFAULT_ADMIN_GROUP : group.trim();
    }

    private static Duration lifetime(String value, ConfigProblems problems) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LINK_LIFETIME;
        }
        try {
            long hours = Long.parseLong(value.trim());
            if (hours >= 1 && hours <= MAX_LINK_LIFETIME.toHours()) {
                return Duration.ofHours(hours);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.unknownValue("JIT execution config", LINK_LIFETIME_HOURS, value,
                Long.toString(DEFAULT_LINK_LIFETIME.toHours()));
        return DEFAULT_LINK_LIFETIME;
    }

    /**
     * The lifetime of a new link: the requested hours when given (1 up to 7 days), else the realm's.
     *
     * @return the lifetime, or {@code null} when the request is out of range
     */
    public Duration linkLifetime(Integer requestedHours) {
        if (requestedHours == null) {
            return linkLifetime;
        }
        if (requestedHours < 1 || requestedHours > MAX_LINK_LIFETIME.toHours()) {
            return null;
        }
        return Duration.ofHours(requestedHours);
    }
}
