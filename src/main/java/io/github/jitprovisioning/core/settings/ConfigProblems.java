package io.github.jitprovisioning.core.settings;

/**
 * Receives configuration errors found while reading settings (an unknown value, which is then treated as
 * the default). The adapters log each distinct problem once.
 */
@FunctionalInterface
public interface ConfigProblems {

    /**
     * @param where   where the value was found, e.g. {@code organization acme} or {@code execution config}
     * @param key     the setting, e.g. {@code jit.enabled}
     * @param value   the value that was not understood
     * @param applied the default that applies instead
     */
    void unknownValue(String where, String key, String value, String applied);

    ConfigProblems IGNORE = (where, key, value, applied) -> { };
}
