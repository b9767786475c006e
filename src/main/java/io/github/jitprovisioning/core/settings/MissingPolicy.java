package io.github.jitprovisioning.core.settings;

import java.util.Locale;
import java.util.Optional;

/** What provisioning does when a configured role or group does not exist or may not be granted. */
public enum MissingPolicy {
    /** Provision without it, log a warning and record it in the event. */
    WARN("warn"),
    /** Refuse the login (reason {@code missing_role_or_group}). */
    BLOCK("block");

    private final String code;

    MissingPolicy(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static Optional<MissingPolicy> parse(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (MissingPolicy policy : values()) {
            if (policy.code.equals(normalized)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
