package io.github.jitprovisioning.core.rollout;

import io.github.jitprovisioning.core.settings.ConfigProblems;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which modes an organization admin may set in the self-service portal: the realm option {@value #OPTION} of the
 * JIT check step, modes separated by commas (or the admin console's {@code ##}). Default {@code enforce} only: the
 * portal can always go back to enforce, but letting refused logins through is the realm admin's choice, made for the
 * realm (or set per organization by the realm admin through the attribute). A value that names no mode, or an
 * unknown entry, is reported and the default applies.
 */
public final class PortalModes {

    public static final String OPTION = "jit.portal-modes";
    public static final Set<JitMode> DEFAULT = Set.copyOf(EnumSet.of(JitMode.ENFORCE));

    private PortalModes() {
    }

    /** @param config the execution's config map, or {@code null} when the step was never configured */
    public static Set<JitMode> fromConfig(Map<String, String> config, ConfigProblems problems) {
        String value = config == null ? null : config.get(OPTION);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        EnumSet<JitMode> modes = EnumSet.noneOf(JitMode.class);
        for (String part : value.split(",|##")) {
            if (part.isBlank()) {
                continue;
            }
            java.util.Optional<JitMode> mode = JitMode.parse(part);
            if (mode.isEmpty()) {
                problems.unknownValue("JIT execution config", OPTION, value, JitMode.ENFORCE.code());
                return DEFAULT;
            }
            modes.add(mode.get());
        }
        return modes.isEmpty() ? DEFAULT : Set.copyOf(modes);
    }
}
