package io.github.jitprovisioning.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One claim-to-attribute pair of the profile sync: the value of {@code claim} (an OIDC claim, a SAML attribute
 * name or friendly name) goes to the user attribute {@code attribute}. {@link #EMAIL}, {@link #FIRST_NAME} and
 * {@link #LAST_NAME} are Keycloak's built-in, single-valued user properties; any other name is a user attribute.
 */
public record SyncMapping(String claim, String attribute) {

    public static final String EMAIL = "email";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    static final String USERNAME = "username";

    /** The pairs that apply unless a configured pair maps another claim to the same built-in property. */
    public static final List<SyncMapping> DEFAULTS = List.of(
            new SyncMapping("email", EMAIL),
            new SyncMapping("given_name", FIRST_NAME),
            new SyncMapping("family_name", LAST_NAME));

    public SyncMapping {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(attribute, "attribute");
    }

    /** Whether the attribute is one of Keycloak's single-valued built-in properties. */
    public boolean builtIn() {
        return isBuiltIn(attribute);
    }

    static boolean isBuiltIn(String attribute) {
        return EMAIL.equals(attribute) || FIRST_NAME.equals(attribute) || LAST_NAME.equals(attribute);
    }

    /**
     * The pairs that apply: the configured ones in their order (trimmed; {@code email}, {@code firstName} and
     * {@code lastName} in any case read as the built-in properties, as Keycloak's attribute importers read them),
     * then the {@link #DEFAULTS} for every built-in property that no configured pair targets. Several pairs may
     * target one attribute: the first whose claim this login carries gives the value. A pair with a blank claim
     * or attribute, a repeated pair, and any pair targeting {@code username} (which sync never changes) are
     * dropped and reported.
     *
     * @param configured claim to attribute, in the order configured; {@code null} reads as none
     * @param problems   receives one sentence per dropped pair
     */
    public static List<SyncMapping> effective(List<Map.Entry<String, String>> configured, Consumer<String> problems) {
        List<SyncMapping> mappings = new ArrayList<>();
        if (configured != null) {
            for (Map.Entry<String, String> pair : configured) {
                String claim = pair.getKey() == null ? "" : pair.getKey().trim();
                String attribute = canonical(pair.getValue() == null ? "" : pair.getValue().trim());
                if (claim.isEmpty() || attribute.isEmpty()) {
                    problems.accept("ignoring the pair '" + claim + "' -> '" + attribute + "': claim and attribute must both be set");
                } else if (USERNAME.equalsIgnoreCase(attribute)) {
                    problems.accept("ignoring the pair '" + claim + "' -> 'username': profile sync never changes usernames");
                } else {
                    SyncMapping mapping = new SyncMapping(claim, attribute);
                    if (mappings.contains(mapping)) {
                        problems.accept("ignoring the repeated pair '" + claim + "' -> '" + attribute + "'");
                    } else {
                        mappings.add(mapping);
                    }
                }
            }
        }
        for (SyncMapping fallback : DEFAULTS) {
            if (mappings.stream().noneMatch(m -> m.attribute().equals(fallback.attribute()))) {
                mappings.add(fallback);
            }
        }
        return List.copyOf(mappings);
    }

    private static String canonical(String attribute) {
        String lower = attribute.toLowerCase(Locale.ROOT);
        if (lower.equals(EMAIL.toLowerCase(Locale.ROOT))) {
            return EMAIL;
        }
        if (lower.equals(FIRST_NAME.toLowerCase(Locale.ROOT))) {
            return FIRST_NAME;
        }
        if (lower.equals(LAST_NAME.toLowerCase(Locale.ROOT))) {
            return LAST_NAME;
        }
        return attribute;
    }
}
