package io.github.jitprovisioning.core.settings;

import java.util.Map;

/**
 * The realm options of the mailbox proof (rule 5, an invited address of a domain that no organization owns), read
 * from the configuration of the JIT check step's execution like {@link RealmSettings}.
 *
 * @param linkMinutes how long a mailed link stays valid, 1 to 1440 minutes (default 15)
 * @param resends     how many times the person may ask for the link again in one sign-in, 0 to 10 (default 3)
 */
public record MailboxProofOptions(int linkMinutes, int resends) {

    public static final String LINK_MINUTES = "jit.mailbox-proof-link-minutes";
    public static final String RESENDS = "jit.mailbox-proof-resends";
    public static final MailboxProofOptions DEFAULTS = new MailboxProofOptions(15, 3);

    /**
     * Reads the options; a blank or missing option has its default, a value that is not a whole number in range is
     * reported to {@code problems} and the default applies.
     *
     * @param config the execution's config map, or {@code null} when the step was never configured
     */
    public static MailboxProofOptions fromConfig(Map<String, String> config, ConfigProblems problems) {
        Map<String, String> cfg = config == null ? Map.of() : config;
        return new MailboxProofOptions(
                number(cfg, LINK_MINUTES, 1, 1440, DEFAULTS.linkMinutes(), problems),
                number(cfg, RESENDS, 0, 10, DEFAULTS.resends(), problems));
    }

    private static int number(Map<String, String> cfg, String key, int min, int max, int fallback, ConfigProblems problems) {
        String value = cfg.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.unknownValue("JIT execution config", key, value, String.valueOf(fallback));
        return fallback;
    }
}
