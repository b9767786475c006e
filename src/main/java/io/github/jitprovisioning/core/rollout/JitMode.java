package io.github.jitprovisioning.core.rollout;

import io.github.jitprovisioning.core.settings.ConfigProblems;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's JIT mode, the attribute {@value #ATTRIBUTE}: {@code enforce} (the default) refuses what the rules
 * refuse; {@code report-only} decides and records the same, but lets the refusals of {@link ReportOnly} go on as
 * Keycloak's stock first broker login would.
 */
public enum JitMode {
    ENFORCE("enforce"),
    REPORT_ONLY("report-only");

    public static final String ATTRIBUTE = "jit.mode";
    public static final JitMode DEFAULT = ENFORCE;

    private final String code;

    JitMode(String code) {
        this.code = code;
    }

    /** The value of the attribute, of the {@code jit_mode} event detail and of the portal's API. */
    public String code() {
        return code;
    }

    /** The mode of a code, case and surrounding whitespace aside; empty for anything else. */
    public static Optional<JitMode> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (JitMode mode : values()) {
            if (mode.code.equals(normalized)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /**
     * The mode in an organization's attributes: missing or blank is {@link #DEFAULT}; values that do not all name the
     * same mode are reported once and {@link #DEFAULT} applies (never report-only by mistake).
     *
     * @param where names the organization in a reported problem
     */
    public static JitMode of(Map<String, List<String>> attributes, String where, ConfigProblems problems) {
        List<String> values = attributes == null ? List.of() : attributes.getOrDefault(ATTRIBUTE, List.of()).stream()
                .filter(value -> value != null && !value.isBlank())
                .toList();
        if (values.isEmpty()) {
            return DEFAULT;
        }
        List<Optional<JitMode>> parsed = values.stream().map(JitMode::parse).distinct().toList();
        if (parsed.size() == 1 && parsed.get(0).isPresent()) {
            return parsed.get(0).get();
        }
        problems.unknownValue(where, ATTRIBUTE, String.join(",", values), DEFAULT.code());
        return DEFAULT;
    }
}
