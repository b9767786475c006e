package io.github.jitprovisioning.core.members;

import io.github.jitprovisioning.core.settings.ConfigProblems;

import java.util.Locale;
import java.util.Map;

/**
 * The realm options of the Members section, read from the configuration of the {@code jit-domain-check} execution.
 *
 * @param deleteAccounts {@value #DELETE_ACCOUNTS}: whether removing a <em>managed</em> member may delete the account
 *                       (Keycloak deletes a managed member's account with its membership), where it belongs to no
 *                       other organization; default {@code true}. With {@code false} a managed member is not removed
 *                       (409 {@code accounts_kept_by_realm}); an unmanaged member's account is always kept.
 */
public record MemberOptions(boolean deleteAccounts) {

    public static final String DELETE_ACCOUNTS = "jit.member-removal-deletes-accounts";
    public static final MemberOptions DEFAULTS = new MemberOptions(true);

    public static MemberOptions fromConfig(Map<String, String> config, ConfigProblems problems) {
        String value = config == null ? null : config.get(DELETE_ACCOUNTS);
        if (value == null || value.isBlank()) {
            return DEFAULTS;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("true") || normalized.equals("false")) {
            return new MemberOptions(Boolean.parseBoolean(normalized));
        }
        problems.unknownValue("JIT execution config", DELETE_ACCOUNTS, value, "true");
        return DEFAULTS;
    }
}
