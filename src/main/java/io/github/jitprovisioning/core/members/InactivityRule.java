package io.github.jitprovisioning.core.members;

import io.github.jitprovisioning.core.settings.ConfigProblems;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An organization's inactivity rule: members whose last SSO sign-in (or, never signed in, their joining) is older than
 * {@code days} are listed "will be removed on &lt;date&gt;" ({@link Mode#REPORT_ONLY}) or removed by the background task
 * ({@link Mode#ENFORCE}). Off by default. Organization attributes {@value #MODE} and {@value #DAYS}; the days lie
 * within the realm's bounds ({@link Bounds}).
 */
public record InactivityRule(Mode mode, int days) {

    public static final String MODE = "jit.inactivity-mode";
    public static final String DAYS = "jit.inactivity-days";
    public static final long DAY_MILLIS = 86_400_000L;

    public enum Mode {
        OFF, REPORT_ONLY, ENFORCE;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Mode of(String code) {
            for (Mode mode : values()) {
                if (mode.code().equals(code)) {
                    return mode;
                }
            }
            return null;
        }
    }

    /**
     * The realm's bounds for an organization's days: realm options {@value #MIN_DAYS} (default
     * {@value #DEFAULT_MIN_DAYS}) and {@value #MAX_DAYS} (default {@value #DEFAULT_MAX_DAYS}), each 1 to 36500.
     */
    public record Bounds(int minDays, int maxDays) {
        public static final String MIN_DAYS = "jit.inactivity-min-days";
        public static final String MAX_DAYS = "jit.inactivity-max-days";
        public static final int DEFAULT_MIN_DAYS = 30;
        public static final int DEFAULT_MAX_DAYS = 730;
        public static final Bounds DEFAULTS = new Bounds(DEFAULT_MIN_DAYS, DEFAULT_MAX_DAYS);

        public static Bounds fromConfig(Map<String, String> config, ConfigProblems problems) {
            Map<String, String> cfg = config == null ? Map.of() : config;
            int min = days(cfg.get(MIN_DAYS), DEFAULT_MIN_DAYS, MIN_DAYS, problems);
            int max = days(cfg.get(MAX_DAYS), DEFAULT_MAX_DAYS, MAX_DAYS, problems);
            if (min > max) {
                problems.unknownValue("JIT execution config", MIN_DAYS, min + " > " + MAX_DAYS + " " + max,
                        DEFAULT_MIN_DAYS + ".." + DEFAULT_MAX_DAYS);
                return DEFAULTS;
            }
            return new Bounds(min, max);
        }

        public boolean admits(int days) {
            return days >= minDays && days <= maxDays;
        }

        private static int days(String value, int fallback, String key, ConfigProblems problems) {
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int days = Integer.parseInt(value.trim());
                if (days >= 1 && days <= 36_500) {
                    return days;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.unknownValue("JIT execution config", key, value, Integer.toString(fallback));
            return fallback;
        }
    }

    public static final InactivityRule OFF = new InactivityRule(Mode.OFF, 0);

    /**
     * The organization's rule from its attributes. An unknown mode is {@code off}; days outside the realm's bounds
     * (written around the portal, e.g. in the admin console) are brought to the nearest bound; missing days with a mode
     * other than off: the realm's maximum (the most lenient).
     */
    public static InactivityRule fromAttributes(Map<String, List<String>> attributes, Bounds bounds, String where,
                                                ConfigProblems problems) {
        String modeText = first(attributes, MODE);
        Mode mode = modeText == null || modeText.isBlank() ? Mode.OFF : Mode.of(modeText.trim().toLowerCase(Locale.ROOT));
        if (mode == null) {
            problems.unknownValue(where, MODE, modeText, Mode.OFF.code());
            mode = Mode.OFF;
        }
        if (mode == Mode.OFF) {
            return OFF;
        }
        String daysText = first(attributes, DAYS);
        int days = bounds.maxDays();
        if (daysText != null && !daysText.isBlank()) {
            try {
                days = Math.max(bounds.minDays(), Math.min(bounds.maxDays(), Integer.parseInt(daysText.trim())));
                if (!bounds.admits(Integer.parseInt(daysText.trim()))) {
                    problems.unknownValue(where, DAYS, daysText, Integer.toString(days));
                }
            } catch (NumberFormatException e) {
                problems.unknownValue(where, DAYS, daysText, Integer.toString(days));
            }
        }
        return new InactivityRule(mode, days);
    }

    /** When a member with this last sign-in (null: none) who joined then is removed; null while the rule is off. */
    public Long removalDueAt(Long lastSignIn, long joinedOrRecorded) {
        if (mode == Mode.OFF) {
            return null;
        }
        return (lastSignIn != null ? lastSignIn : joinedOrRecorded) + days * DAY_MILLIS;
    }

    /** The newest last activity that makes a member due at {@code now}: older or equal is due. */
    public long dueBound(long now) {
        return now - days * DAY_MILLIS;
    }

    private static String first(Map<String, List<String>> attributes, String key) {
        List<String> values = attributes == null ? null : attributes.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
