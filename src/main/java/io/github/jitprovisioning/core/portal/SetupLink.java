package io.github.jitprovisioning.core.portal;

import io.github.jitprovisioning.core.settings.PortalOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A setup link of one organization as it is stored: in the organization attribute {@code jit.portal-link.<id>}
 * holding {@code <sha-256 of the secret>|<created, epoch seconds>|<expires, epoch seconds>|<creator>}. The secret
 * itself is never stored; the URL carries {@code <id>.<secret>}.
 */
public record SetupLink(String id, String secretHash, Instant createdAt, Instant expiresAt, String createdBy) {

    public static final String ATTRIBUTE_PREFIX = "jit.portal-link.";
    private static final String SEPARATOR = "|";

    /** The state of a link for listing and opening. */
    public enum State { ACTIVE, USED, EXPIRED }

    public static SetupLink create(String id, String secret, Instant now, Duration lifetime, String createdBy) {
        return new SetupLink(id, PortalToken.hash(secret), now, now.plus(lifetime), createdBy);
    }

    public String attributeName() {
        return ATTRIBUTE_PREFIX + id;
    }

    public String attributeValue() {
        return String.join(SEPARATOR, secretHash, Long.toString(createdAt.getEpochSecond()),
                Long.toString(expiresAt.getEpochSecond()), createdBy == null ? "" : createdBy);
    }

    /** Reads a stored link; empty for anything malformed (a malformed entry can never open a session). */
    public static Optional<SetupLink> parse(String attributeName, String value) {
        if (attributeName == null || !attributeName.startsWith(ATTRIBUTE_PREFIX) || value == null) {
            return Optional.empty();
        }
        String id = attributeName.substring(ATTRIBUTE_PREFIX.length());
        String[] parts = value.split("\\|", -1);
        if (!PortalToken.isWellFormed(id) || parts.length != 4 || parts[0].length() != 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SetupLink(id, parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])),
                    Instant.ofEpochSecond(Long.parseLong(parts[2])), parts[3].isEmpty() ? null : parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public State state(Instant now, boolean used) {
        if (used) {
            return State.USED;
        }
        return now.isBefore(expiresAt) ? State.ACTIVE : State.EXPIRED;
    }

    /** Whether {@code secret} is this link's secret. */
    public boolean opensWith(String secret) {
        return PortalToken.isWellFormed(secret) && PortalToken.sameHash(secretHash, PortalToken.hash(secret));
    }

    /** When a session started from this link at {@code start} ends: 8 hours later, never after the link expiry + 8 h. */
    public static Instant sessionEnd(Instant start) {
        return start.plus(PortalOptions.MAX_LINK_SESSION);
    }
}
