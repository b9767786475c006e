package io.github.jitprovisioning.core.sync;

import java.util.List;
import java.util.Objects;

/**
 * One field that profile sync writes.
 *
 * @param attribute the user attribute ({@code email}, {@code firstName}, {@code lastName} or any other)
 * @param before    the values the user has now (empty when none)
 * @param after     the values to write; empty means the attribute is cleared
 */
public record FieldChange(String attribute, List<String> before, List<String> after) {

    public FieldChange {
        Objects.requireNonNull(attribute, "attribute");
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    public boolean clears() {
        return after.isEmpty();
    }

    /** The single value for a built-in property, or {@code null} when cleared. */
    public String firstValue() {
        return after.isEmpty() ? null : after.get(0);
    }
}
