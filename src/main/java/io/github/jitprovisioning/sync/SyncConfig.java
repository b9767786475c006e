package io.github.jitprovisioning.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.jitprovisioning.core.SyncMapping;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one {@code jit-profile-sync} mapper, read null-safe: a mapper saved before a key existed,
 * or with a value the admin console did not write, reads as the default.
 *
 * @param mappings     the effective claim-to-attribute pairs (configured ones first, then the defaults)
 * @param clearMissing whether a claim that this login does not carry clears its attribute
 */
record SyncConfig(List<SyncMapping> mappings, boolean clearMissing) {

    /** Key/value pairs (admin console "Key" = claim or SAML attribute, "Value" = user attribute). */
    static final String CLAIM_TO_ATTRIBUTE = "claim-to-attribute";
    static final String CLEAR_MISSING = "clear-missing";

    private static final Logger LOG = Logger.getLogger(SyncConfig.class);
    private static final TypeReference<List<Map<String, String>>> PAIRS = new TypeReference<>() {
    };

    static SyncConfig of(IdentityProviderMapperModel mapper) {
        Map<String, String> config = mapper.getConfig() == null ? Map.of() : mapper.getConfig();
        String where = "mapper '" + mapper.getName() + "' of identity provider '" + mapper.getIdentityProviderAlias() + "'";
        List<SyncMapping> mappings = SyncMapping.effective(pairs(where, config.get(CLAIM_TO_ATTRIBUTE)),
                problem -> LOG.warnf("JIT profile sync, %s: %s", where, problem));
        return new SyncConfig(mappings, Boolean.parseBoolean(config.get(CLEAR_MISSING)));
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
