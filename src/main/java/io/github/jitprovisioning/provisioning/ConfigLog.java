package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.settings.ConfigProblems;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each distinct configuration error once per node (SPEC: "logged once and treated as the default").
 * The remembered set only de-duplicates log lines; it holds no configuration and is bounded, so a flood of
 * distinct bad values cannot grow it without limit (past the bound, errors are logged every time).
 */
public final class ConfigLog implements ConfigProblems {

    private static final Logger LOG = Logger.getLogger("io.github.jitprovisioning.config");
    private static final int MAX_REMEMBERED = 10_000;
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final String realm;

    public ConfigLog(String realm) {
        this.realm = realm;
    }

    @Override
    public void unknownValue(String where, String key, String value, String applied) {
        if (first(where + '\u0000' + key + '\u0000' + value)) {
            LOG.warnf("JIT configuration error in realm '%s', %s: %s='%s' is not a valid value; using the default '%s'",
                    realm, where, key, value, applied);
        }
    }

    /** Logs a misconfiguration of {@code where} (a flow, say) once. */
    public void misconfigured(String where, String problem) {
        if (first(where + '\u0000' + problem)) {
            LOG.warnf("JIT configuration error in realm '%s', %s: %s", realm, where, problem);
        }
    }

    private boolean first(String problem) {
        return LOGGED.size() >= MAX_REMEMBERED || LOGGED.add(realm + '\u0000' + problem);
    }
}
