package io.github.jitprovisioning.core.domains;

import io.github.jitprovisioning.core.settings.ConfigProblems;

import java.util.Map;

/**
 * The realm options of domain verification, read from the same place as the other realm options (the configuration
 * of the {@code jit-domain-check} execution).
 *
 * @param maxClaims {@value #MAX_CLAIMS}: how many domains one organization may claim (pending, verified and failed
 *                  together); default {@value #DEFAULT_MAX_CLAIMS}, 1 to {@value #LIMIT_MAX_CLAIMS}. It bounds the DNS
 *                  work one organization can ask for: each claim is checked by "verify now" at most once a minute.
 */
public record DomainOptions(int maxClaims) {

    public static final String MAX_CLAIMS = "jit.max-domain-claims";
    public static final int DEFAULT_MAX_CLAIMS = 20;
    public static final int LIMIT_MAX_CLAIMS = 1000;
    public static final DomainOptions DEFAULT = new DomainOptions(DEFAULT_MAX_CLAIMS);

    public static DomainOptions fromConfig(Map<String, String> config, ConfigProblems problems) {
        String value = config == null ? null : config.get(MAX_CLAIMS);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            int max = Integer.parseInt(value.trim());
            if (max >= 1 && max <= LIMIT_MAX_CLAIMS) {
                return new DomainOptions(max);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.unknownValue("JIT execution config", MAX_CLAIMS, value, Integer.toString(DEFAULT_MAX_CLAIMS));
        return DEFAULT;
    }
}
