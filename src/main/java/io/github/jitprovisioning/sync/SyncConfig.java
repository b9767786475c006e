package io.github.jitprovisioning.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.jitprovisioning.core.sync.SyncLimits;
import io.github.jitprovisioning.core.sync.SyncMapping;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of one {@code jit-profile-sync} mapper, read null-safe: a mapper saved before a key existed,
 * or with a value the admin console did not write, reads as the default.
 *
 * @param mappings     the effective claim-to-attribute pairs (configured ones first, then the defaults)
 * @param clearMissing whether a claim that this login does not carry clears its attribute
 * @param limits       how many values of at most 255 characters one attribute gets
 * @param writeProtected the attributes that sync writes although the realm's user profile does not let users edit
 *                       them (the mapper's explicit opt-in), exactly as named in the user profile
 */
record SyncConfig(List<SyncMapping> mappings, boolean clearMissing, SyncLimits limits, Set<String> writeProtected) {

    /** Key/value pairs (admin console "Key" = claim or SAML attribute, "Value" = user attribute). */
    static final String CLAIM_TO_ATTRIBUTE = "claim-to-attribute";
    static final String CLEAR_MISSING = "clear-missing";
    /** The most values one attribute gets (default {@value SyncLimits#DEFAULT_MAX_VALUES}). */
    static final String MAX_VALUES = "max-values";
    /** Attributes that are read-only or admin-only for users and that sync may write all the same. */
    static final String WRITE_PROTECTED = "write-protected-attributes";
    /** The largest value accepted for {@value #MAX_VALUES}. */
    static final int MAX_VALUES_CEILING = 1000;

    SyncConfig {
        writeProtected = Set.copyOf(writeProtected);
    }

    SyncConfig(List<SyncMapping> mappings, boolean clearMissing) {
        this(mappings, clearMissing, SyncLimits.DEFAULTS, Set.of());
    }

    private static final Logger LOG = Logger.getLogger(SyncConfig.class);
    private static final TypeReference<List<Map<String, String>>> PAIRS = new TypeReference<>() {
    };

    static SyncConfig of(IdentityProviderMapperModel mapper) {
        Map<String, String> config = mapper.getConfig() == null ? Map.of() : mapper.getConfig();
        String where = "mapper '" + mapper.getName() + "' of identity provider '" + mapper.getIdentityProviderAlias() + "'";
        List<SyncMapping> mappings = SyncMapping.effective(pairs(where, config.get(CLAIM_TO_ATTRIBUTE)),
                problem -> LOG.warnf("JIT profile sync, %s: %s", where, problem));
        return new SyncConfig(mappings, Boolean.parseBoolean(config.get(CLEAR_MISSING)),
                new SyncLimits(maxValues(where, config.get(MAX_VALUES))), writeProtected(config.get(WRITE_PROTECTED)));
    }

    /** A whole number from 1 to {@value #MAX_VALUES_CEILING}; blank or anything else reads as the default (logged). */
    static int maxValues(String where, String value) {
        if (value == null || value.isBlank()) {
            return SyncLimits.DEFAULT_MAX_VALUES;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1 && parsed <= MAX_VALUES_CEILING) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warnf("JIT profile sync, %s: %s='%s' is not a whole number from 1 to %d; using %d", where, MAX_VALUES,
                value, MAX_VALUES_CEILING, SyncLimits.DEFAULT_MAX_VALUES);
        return SyncLimits.DEFAULT_MAX_VALUES;
    }

    /** Keycloak stores a multivalued string as values joined by {@code ##}; commas separate too. */
    static Set<String> writeProtected(String value) {
        Set<String> names = new LinkedHashSet<>();
        if (value != null) {
            for (String part : value.split("##|,")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
        }
        return names;
    }

    /**
     * The pairs in the order configured. Keycloak stores a map property as a JSON array of
     * {@code {"key":...,"value":...}} objects; its own reader groups by key and loses the order, so it is read here.
     */
    static List<Map.Entry<String, String>> pairs(String where, String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, String>> raw = JsonSerialization.readValue(json, PAIRS);
            List<Map.Entry<String, String>> pairs = new ArrayList<>();
            for (Map<String, String> pair : raw == null ? List.<Map<String, String>>of() : raw) {
                if (pair != null) {
                    pairs.add(new AbstractMap.SimpleImmutableEntry<>(pair.get("key"), pair.get("value")));
                }
            }
            return pairs;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("JIT profile sync, %s: '%s' is not a list of key/value pairs (%s); using the default pairs only",
                    where, CLAIM_TO_ATTRIBUTE, e.getClass().getSimpleName());
            return List.of();
        }
    }
}
