package io.github.jitprovisioning.core.members;

import java.util.Optional;

/**
 * A request for members, from query parameters: {@code search} (name, username or email, as Keycloak searches),
 * {@code inactiveDays} ("not signed in for N days", 1 to 36500), {@code first} (0 or more), {@code max} (1 to
 * {@value #MAX_PAGE}, default {@value #DEFAULT_PAGE}).
 */
public record MemberQuery(String search, Integer inactiveDays, int first, int max) {

    public static final int MAX_PAGE = 1000;
    public static final int DEFAULT_PAGE = 100;
    public static final String RULES = "inactiveDays must be 1 to 36500, first 0 or more, max 1 to " + MAX_PAGE
            + ", search at most 255 characters";

    /** The query, or empty when a parameter is out of its bounds (the caller answers 400 with {@link #RULES}). */
    public static Optional<MemberQuery> parse(String search, String inactiveDays, String first, String max) {
        Integer days = number(inactiveDays, 1, 36_500);
        Integer from = number(first, 0, Integer.MAX_VALUE);
        Integer size = number(max, 1, MAX_PAGE);
        if (days != null && days < 0 || from != null && from < 0 || size != null && size < 0
                || search != null && search.length() > 255) {
            return Optional.empty();
        }
        return Optional.of(new MemberQuery(search == null || search.isBlank() ? null : search.trim(), days,
                from == null ? 0 : from, size == null ? DEFAULT_PAGE : size));
    }

    /** The number in {@code text} within bounds; null when absent, -1 when not a number in bounds. */
    private static Integer number(String text, int min, int max) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            return value < min || value > max ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
