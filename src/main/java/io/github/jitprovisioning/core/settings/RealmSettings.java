package io.github.jitprovisioning.core.settings;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The realm-wide JIT options, read from the configuration of the JIT authenticator's execution. The
 * configuration may be absent (the step was never configured): then every option has its default.
 *
 * @param portalAdminGroup the self-service portal's admin group ({@value PortalOptions#ADMIN_GROUP}), which JIT never
 *                         joins at provisioning
 */
public record RealmSettings(boolean requireVerifiedEmail, boolean requireIdpLink, UnlinkedIdpMode unlinkedIdps,
                            boolean requireVerifiedDomain, List<String> fallbackDefaultRoles,
                            MissingPolicy onMissing, List<String> grantableRoles, List<String> grantableGroups,
                            String portalAdminGroup) {

    public static final String REQUIRE_VERIFIED_EMAIL = "jit.require-verified-email";
    public static final String REQUIRE_IDP_LINK = "jit.require-idp-link";
    public static final String UNLINKED_IDPS = "jit.unlinked-idps";
    public static final String REQUIRE_VERIFIED_DOMAIN = "jit.require-verified-domain";
    public static final String FALLBACK_DEFAULT_ROLES = "jit.fallback-default-roles";
    public static final String ON_MISSING = "jit.on-missing-role-or-group";
    /** The only roles that organization attributes (and the portal) may grant; empty: no limit. */
    public static final String GRANTABLE_ROLES = "jit.grantable-roles";
    /** The only realm groups that organization attributes (and the portal) may name; empty: no limit. */
    public static final String GRANTABLE_GROUPS = "jit.grantable-groups";

    public static final RealmSettings DEFAULTS = new RealmSettings(true, true, UnlinkedIdpMode.IGNORE, false,
            List.of(), MissingPolicy.WARN, List.of(), List.of());

    public RealmSettings {
        fallbackDefaultRoles = List.copyOf(fallbackDefaultRoles);
        grantableRoles = grantableRoles == null ? List.of() : List.copyOf(grantableRoles);
        grantableGroups = grantableGroups == null ? List.of() : List.copyOf(grantableGroups);
        portalAdminGroup = portalAdminGroup == null || portalAdminGroup.isBlank() ? PortalOptions.DEFAULT_ADMIN_GROUP
                : portalAdminGroup;
    }

    /** The settings with the portal's default admin group. */
    public RealmSettings(boolean requireVerifiedEmail, boolean requireIdpLink, UnlinkedIdpMode unlinkedIdps,
                         boolean requireVerifiedDomain, List<String> fallbackDefaultRoles, MissingPolicy onMissing,
                         List<String> grantableRoles, List<String> grantableGroups) {
        this(requireVerifiedEmail, requireIdpLink, unlinkedIdps, requireVerifiedDomain, fallbackDefaultRoles, onMissing,
                grantableRoles, grantableGroups, PortalOptions.DEFAULT_ADMIN_GROUP);
    }

    /** The settings without an allow-list (grantable roles and groups: no limit). */
    public RealmSettings(boolean requireVerifiedEmail, boolean requireIdpLink, UnlinkedIdpMode unlinkedIdps,
                         boolean requireVerifiedDomain, List<String> fallbackDefaultRoles, MissingPolicy onMissing) {
        this(requireVerifiedEmail, requireIdpLink, unlinkedIdps, requireVerifiedDomain, fallbackDefaultRoles, onMissing,
                List.of(), List.of());
    }

    /** What these settings let organization attributes (and the portal) grant. */
    public GrantPolicy grantPolicy() {
        return new GrantPolicy(grantableRoles, grantableGroups, portalAdminGroup);
    }

    /**
     * Reads the options; a blank or missing option has its default, an unknown value is reported to
     * {@code problems} and the default applies.
     *
     * @param config the execution's config map, or {@code null} when the step was never configured
     */
    public static RealmSettings fromConfig(Map<String, String> config, ConfigProblems problems) {
        Map<String, String> cfg = config == null ? Map.of() : config;
        String where = "JIT execution config";
        return new RealmSettings(
                bool(cfg, REQUIRE_VERIFIED_EMAIL, DEFAULTS.requireVerifiedEmail(), where, problems),
                bool(cfg, REQUIRE_IDP_LINK, DEFAULTS.requireIdpLink(), where, problems),
                option(cfg, UNLINKED_IDPS, DEFAULTS.unlinkedIdps(), UnlinkedIdpMode::parse, UnlinkedIdpMode::code,
                        where, problems),
                bool(cfg, REQUIRE_VERIFIED_DOMAIN, DEFAULTS.requireVerifiedDomain(), where, problems),
                Values.splitList(Collections.singletonList(cfg.get(FALLBACK_DEFAULT_ROLES))),
                option(cfg, ON_MISSING, DEFAULTS.onMissing(), MissingPolicy::parse, MissingPolicy::code,
                        where, problems),
                Values.splitList(Collections.singletonList(cfg.get(GRANTABLE_ROLES))),
                Values.splitList(Collections.singletonList(cfg.get(GRANTABLE_GROUPS))),
                PortalOptions.adminGroup(cfg));
    }

    private static boolean bool(Map<String, String> cfg, String key, boolean fallback, String where,
                                ConfigProblems problems) {
        return option(cfg, key, fallback, Values::parseBoolean, String::valueOf, where, problems);
    }

    private static <T> T option(Map<String, String> cfg, String key, T fallback, Function<String, Optional<T>> parser,
                                Function<T, String> printer, String where, ConfigProblems problems) {
        String value = cfg.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return parser.apply(value).orElseGet(() -> {
            problems.unknownValue(where, key, value, printer.apply(fallback));
            return fallback;
        });
    }
}
