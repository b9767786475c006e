package io.github.jitprovisioning.domains;

/**
 * Who changed a domain: a user (realm admin, organization admin), a portal setup link, or the background check.
 *
 * @param kind {@code user}, {@code link} or {@code system}
 */
public record Actor(String kind, String id) {

    public static final Actor SYSTEM = new Actor("system", null);

    public static Actor user(String userId) {
        return new Actor("user", userId);
    }

    public static Actor link(String linkId) {
        return new Actor("link", linkId);
    }
}
