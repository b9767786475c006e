package io.github.jitprovisioning.core.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reading of setting values: booleans and lists that may be multi-valued or comma-separated. */
public final class Values {

    private Values() {
    }

    /** {@code true}/{@code false} in any case, surrounding blanks ignored; anything else is empty. */
    public static Optional<Boolean> parseBoolean(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("true")) {
            return Optional.of(Boolean.TRUE);
        }
        if (normalized.equals("false")) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    /**
     * Splits every value on commas (and on {@code ##}, Keycloak's separator for multi-valued execution
     * config), trims, drops empty entries and duplicates, keeps the order.
     */
    public static List<String> splitList(Collection<String> values) {
        LinkedHashSet<String> entries = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                for (String part : value.split(",|##")) {
                    String trimmed = part.trim();
                    if (!trimmed.isEmpty()) {
                        entries.add(trimmed);
                    }
                }
            }
        }
        return List.copyOf(new ArrayList<>(entries));
    }
}
