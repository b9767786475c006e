package io.github.jitprovisioning.core.decision;

import io.github.jitprovisioning.core.settings.ConfigProblems;
import io.github.jitprovisioning.core.settings.Values;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JIT settings of one organization, read from its attributes.
 *
 * @param jitEnabled   {@code jit.enabled}, default {@code true}
 * @param syncProfile  {@code jit.sync-profile}, default {@code false}
 * @param defaultRoles {@code jit.default-roles}, default none
 * @param groups       {@code jit.groups}, default none
 */
public record OrganizationSettings(boolean jitEnabled, boolean syncProfile, List<String> defaultRoles,
                                   List<String> groups) {

    public static final String JIT_ENABLED = "jit.enabled";
    public static final String SYNC_PROFILE = "jit.sync-profile";
    public static final String DEFAULT_ROLES = "jit.default-roles";
    public static final String GROUPS = "jit.groups";

    public static final OrganizationSettings DEFAULTS = new OrganizationSettings(true, false, List.of(), List.of());

    public OrganizationSettings {
        defaultRoles = List.copyOf(defaultRoles);
        groups = List.copyOf(groups);
    }

    /** Reads the settings of an organization; an unknown value is reported and the default applies. */
    public static OrganizationSettings of(OrganizationFacts organization, ConfigProblems problems) {
        return fromAttributes("organization " + organization.name(), organization.attributes(), problems);
    }

    /**
     * Reads the settings from attributes: booleans in any case, lists as one value per entry or
     * comma-separated (trimmed, empty entries and duplicates dropped, order kept).
     *
     * @param where      names the source in reported problems, e.g. {@code organization acme}
     * @param attributes the attributes, or {@code null} for none
     */
    public static OrganizationSettings fromAttributes(String where, Map<String, List<String>> attributes,
                                                      ConfigProblems problems) {
        Map<String, List<String>> attrs = attributes == null ? Map.of() : attributes;
        return new OrganizationSettings(
                bool(where, attrs, JIT_ENABLED, DEFAULTS.jitEnabled(), problems),
                bool(where, attrs, SYNC_PROFILE, DEFAULTS.syncProfile(), problems),
                Values.splitList(attrs.get(DEFAULT_ROLES)),
                Values.splitList(attrs.get(GROUPS)));
    }

    /**
     * A boolean attribute: missing or blank reads as the default; every non-blank value must say the same
     * {@code true} or {@code false}, otherwise the values are reported once and the default applies.
     */
    private static boolean bool(String where, Map<String, List<String>> attrs, String key, boolean fallback,
                                ConfigProblems problems) {
        List<String> values = attrs.getOrDefault(key, List.of()).stream()
                .filter(value -> value != null && !value.isBlank())
                .toList();
        if (values.isEmpty()) {
            return fallback;
        }
        List<Optional<Boolean>> parsed = values.stream().map(Values::parseBoolean).distinct().toList();
        if (parsed.size() == 1 && parsed.get(0).isPresent()) {
            return parsed.get(0).get();
        }
        problems.unknownValue(where, key, String.join(",", values), Boolean.toString(fallback));
        return fallback;
    }
}
