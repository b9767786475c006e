package io.github.jitprovisioning.core.sso;

import io.github.jitprovisioning.core.settings.ConfigProblems;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The realm options of the portal's Single sign-on section, read from the configuration of the
 * {@code jit-domain-check} execution like the other realm options.
 *
 * @param enabled        {@value #ENABLED}: {@code on} lets organization admins connect their own IdP; default off
 * @param protocols      {@value #PROTOCOLS}: the protocols offered ({@code oidc}, {@code saml}); default both
 * @param maxIdps        {@value #MAX_IDPS}: the most self-service IdPs per organization; default
 *                       {@value #DEFAULT_MAX_IDPS}, 1 to {@value #LIMIT_MAX_IDPS}
 * @param firstLoginFlow {@value #FIRST_LOGIN_FLOW}: the alias of the first broker login flow the IdPs get, or
 *                       {@code null} for the flow whose JIT step holds these options
 * @param syncMode       {@value #SYNC_MODE}: {@code IMPORT} (default), {@code LEGACY} or {@code FORCE}
 * @param allowedHosts   {@value #ALLOW_HOSTS}: hosts that may be fetched over plain http or on private addresses
 *                       (lower case; default none)
 */
public record PortalSsoOptions(boolean enabled, Set<String> protocols, int maxIdps, String firstLoginFlow,
                               String syncMode, List<String> allowedHosts) {

    public static final String ENABLED = "jit.portal-sso";
    public static final String PROTOCOLS = "jit.portal-sso-protocols";
    public static final String MAX_IDPS = "jit.portal-sso-max-idps";
    public static final String FIRST_LOGIN_FLOW = "jit.portal-sso-first-login-flow";
    public static final String SYNC_MODE = "jit.portal-sso-sync-mode";
    public static final String ALLOW_HOSTS = FetchPolicy.ALLOW_HOSTS_OPTION;

    public static final int DEFAULT_MAX_IDPS = 2;
    public static final int LIMIT_MAX_IDPS = 20;
    public static final List<String> PROTOCOL_NAMES = List.of("oidc", "saml");
    public static final List<String> SYNC_MODES = List.of("IMPORT", "LEGACY", "FORCE");

    public PortalSsoOptions {
        protocols = Set.copyOf(protocols);
        allowedHosts = List.copyOf(allowedHosts);
    }

    public static PortalSsoOptions fromConfig(Map<String, String> config, ConfigProblems problems) {
        Map<String, String> cfg = config == null ? Map.of() : config;
        String where = "JIT execution config";
        boolean enabled = switch (text(cfg, ENABLED).toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "", "off", "false" -> false;
            default -> {
                problems.unknownValue(where, ENABLED, cfg.get(ENABLED), "off");
                yield false;
            }
        };
        Set<String> protocols = new LinkedHashSet<>();
        for (String protocol : list(cfg.get(PROTOCOLS))) {
            String p = protocol.toLowerCase(Locale.ROOT);
            if (PROTOCOL_NAMES.contains(p)) {
                protocols.add(p);
            } else {
                problems.unknownValue(where, PROTOCOLS, protocol, "ignored");
            }
        }
        if (text(cfg, PROTOCOLS).isEmpty()) {
            protocols.addAll(PROTOCOL_NAMES);
        }
        int max = DEFAULT_MAX_IDPS;
        if (!text(cfg, MAX_IDPS).isEmpty()) {
            try {
                int value = Integer.parseInt(text(cfg, MAX_IDPS));
                if (value < 1 || value > LIMIT_MAX_IDPS) {
                    throw new NumberFormatException();
                }
                max = value;
            } catch (NumberFormatException e) {
                problems.unknownValue(where, MAX_IDPS, cfg.get(MAX_IDPS), Integer.toString(DEFAULT_MAX_IDPS));
            }
        }
        String flow = text(cfg, FIRST_LOGIN_FLOW);
        String sync = text(cfg, SYNC_MODE).toUpperCase(Locale.ROOT);
        if (sync.isEmpty()) {
            sync = "IMPORT";
        } else if (!SYNC_MODES.contains(sync)) {
            problems.unknownValue(where, SYNC_MODE, cfg.get(SYNC_MODE), "IMPORT");
            sync = "IMPORT";
        }
        List<String> hosts = new ArrayList<>();
        for (String host : list(cfg.get(ALLOW_HOSTS))) {
            hosts.add(host.toLowerCase(Locale.ROOT));
        }
        return new PortalSsoOptions(enabled, protocols, max, flow.isEmpty() ? null : flow, sync, hosts);
    }

    public boolean offers(String protocol) {
        return protocols.contains(protocol);
    }

    private static String text(Map<String, String> cfg, String key) {
        String value = cfg.get(key);
        return value == null ? "" : value.trim();
    }

    private static List<String> list(String value) {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",|##")) {
                if (!part.isBlank()) {
                    entries.add(part.trim());
                }
            }
        }
        return entries;
    }
}
