package io.github.jitprovisioning.core.guardrails;

import io.github.jitprovisioning.core.settings.ConfigProblems;

import java.util.List;
import java.util.Map;

/**
 * The provisioning rate cap of one organization: at most {@link #perHour()} users provisioned by JIT per fixed clock
 * hour (UTC, {@code [hh:00, hh+1:00)}); {@code 0} means no cap.
 *
 * <p>Where it comes from: the organization attribute {@value #OPTION} (set by a realm admin in the admin console or
 * the admin REST API; the self-service portal never writes it) overrides the realm option of the same name in the
 * JIT check step's configuration, default {@value #DEFAULT_PER_HOUR}. A value that is not a whole number from 0 to
 * {@value #LIMIT} is a configuration error: logged once, the next source applies (the realm option, then the default).
 *
 * <p>Fixed windows, not a sliding one: the count is one database row per organization and hour that one conditional
 * {@code UPDATE} increments, so two nodes can never pass the cap together; a sliding window would need a row per
 * provisioned user. The price: a burst that straddles the hour can provision up to twice the cap within 60 minutes,
 * never more.
 *
 * @param perHour users per window; {@code 0}: no cap
 * @param source  where the value came from: {@code organization}, {@code realm} or {@code default}
 */
public record RateCap(int perHour, String source) {

    public static final String OPTION = "jit.rate-cap-per-hour";
    public static final int DEFAULT_PER_HOUR = 200;
    public static final int LIMIT = 100_000;
    public static final long WINDOW_MILLIS = 3_600_000L;

    public static final String FROM_ORGANIZATION = "organization";
    public static final String FROM_REALM = "realm";
    public static final String FROM_DEFAULT = "default";

    /** Whether provisioning is capped at all. */
    public boolean capped() {
        return perHour > 0;
    }

    /** Whether {@code provisioned} users since the window began (or since a realm admin resumed) leave no room. */
    public boolean reached(long provisioned) {
        return capped() && provisioned >= perHour;
    }

    /**
     * The cap for one organization.
     *
     * @param realmConfig  the check step's configuration (may be {@code null}: never configured)
     * @param attributes   the organization's attributes (may be {@code null})
     * @param organization how to name the organization in a configuration error
     */
    public static RateCap of(Map<String, String> realmConfig, Map<String, List<String>> attributes,
                             String organization, ConfigProblems problems) {
        RateCap realm = realm(realmConfig, problems);
        List<String> values = attributes == null ? null : attributes.get(OPTION);
        String value = values == null || values.isEmpty() ? null : values.get(0);
        if (value == null || value.isBlank()) {
            return realm;
        }
        Integer parsed = parse(value);
        if (parsed == null) {
            problems.unknownValue("organization " + organization, OPTION, value, Integer.toString(realm.perHour()));
            return realm;
        }
        return new RateCap(parsed, FROM_ORGANIZATION);
    }

    /** The realm's default cap, from the check step's configuration. */
    public static RateCap realm(Map<String, String> realmConfig, ConfigProblems problems) {
        String value = realmConfig == null ? null : realmConfig.get(OPTION);
        if (value == null || value.isBlank()) {
            return new RateCap(DEFAULT_PER_HOUR, FROM_DEFAULT);
        }
        Integer parsed = parse(value);
        if (parsed == null) {
            problems.unknownValue("JIT execution config", OPTION, value, Integer.toString(DEFAULT_PER_HOUR));
            return new RateCap(DEFAULT_PER_HOUR, FROM_DEFAULT);
        }
        return new RateCap(parsed, FROM_REALM);
    }

    /** The start of the window that holds {@code epochMillis}: the full hour before it. */
    public static long windowStart(long epochMillis) {
        return Math.floorDiv(epochMillis, WINDOW_MILLIS) * WINDOW_MILLIS;
    }

    /** When the window that holds {@code epochMillis} ends (and a paused organization provisions again). */
    public static long windowEnd(long epochMillis) {
        return windowStart(epochMillis) + WINDOW_MILLIS;
    }

    private static Integer parse(String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= 0 && parsed <= LIMIT ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
