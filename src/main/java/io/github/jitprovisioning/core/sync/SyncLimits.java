package io.github.jitprovisioning.core.sync;

/**
 * How much profile sync stores of one claim: at most {@code maxValues} values, each at most {@value #MAX_LENGTH}
 * characters (Unicode code points, as the database counts them). A claim beyond either limit is skipped as a whole,
 * never cut: a truncated value would be a value the IdP never sent.
 *
 * @param maxValues the mapper's limit of values per attribute, at least 1
 */
public record SyncLimits(int maxValues) {

    /** The default number of values per attribute. */
    public static final int DEFAULT_MAX_VALUES = 10;
    /** The longest value stored, in characters: Keycloak's default length limit of user attribute values. */
    public static final int MAX_LENGTH = 255;

    public static final SyncLimits DEFAULTS = new SyncLimits(DEFAULT_MAX_VALUES);

    public SyncLimits {
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues must be at least 1: " + maxValues);
        }
    }
}
