package io.github.jitprovisioning.portal;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;

/**
 * Who calls the portal API: a signed-in realm user (bearer access token) or the holder of a setup-link session
 * (cookie). Only cookie callers need the CSRF token and a same-origin {@code Origin} for changes.
 *
 * @param user     the signed-in user, or {@code null} for a link session
 * @param client   the client the access token was issued to, or {@code null} for a link session
 * @param link     the link session, or {@code null} for a user
 */
record PortalCaller(UserModel user, ClientModel client, PortalSessions.LinkSession link) {

    boolean byCookie() {
        return link != null;
    }

    /** The actor as audit lines name it: {@code user:<id>} or {@code link:<id>}. */
    String actor() {
        return user != null ? "user:" + user.getId() : "link:" + link.linkId();
    }
}
