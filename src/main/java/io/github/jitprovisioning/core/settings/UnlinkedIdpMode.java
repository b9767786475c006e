package io.github.jitprovisioning.core.settings;

import java.util.Locale;
import java.util.Optional;

/** What JIT does for an identity provider that is linked to no organization. */
public enum UnlinkedIdpMode {
    /** JIT does not apply; Keycloak's standard steps go on (social logins). */
    IGNORE("ignore"),
    /** A shared IdP provisions into the organization that owns the verified email's domain. */
    MATCH_BY_DOMAIN("match-by-domain");

    private final String code;

    UnlinkedIdpMode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Accepts {@code ignore}, {@code match-by-domain} and {@code match by domain}, in any case. */
    static Optional<UnlinkedIdpMode> parse(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        for (UnlinkedIdpMode mode : values()) {
            if (mode.code.equals(normalized)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
