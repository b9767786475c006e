package io.github.jitprovisioning.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The portal's HTML: the app shell (its script does the rest through the API), and the setup-link pages. Every
 * text is a message key ({@code jitPortal*}) of the realm's login theme messages, in the locale Keycloak resolves
 * (ui_locales/kc_locale, cookie, Accept-Language); every value shown is HTML-escaped.
 */
final class PortalPage {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Locale locale;
    private final Properties messages;

    PortalPage(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.locale = session.getContext().resolveLocale(null);
        Properties loaded;
        try {
            loaded = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            loaded = new Properties();
        }
        this.messages = loaded;
    }

    String portalPath() {
        return portalPath(session, realm);
    }

    /** The portal's path on this server ({@code /realms/<realm>/jit-portal/}, under Keycloak's base path). */
    static String portalPath(KeycloakSession session, RealmModel realm) {
        return session.getContext().getUri().getBaseUri().getPath() + "realms/" + realm.getName() + "/jit-portal/";
    }

    Response app() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("realm", realm.getName());
        config.put("portal", portalPath());
        config.put("auth", session.getContext().getUri().getBaseUri().getPath() + "realms/" + realm.getName()
                + "/protocol/openid-connect/");
        config.put("clientId", PortalClient.CLIENT_ID);
        config.put("locale", locale.toLanguageTag());
        Map<String, String> texts = new TreeMap<>();
        messages.stringPropertyNames().stream().filter(key -> key.startsWith("jitPortal") || key.startsWith("jit-domain-"))
                .forEach(key -> texts.put(key, messages.getProperty(key)));
        config.put("messages", texts);
        String json;
        try {
            json = ApiResponses.JSON.writeValueAsString(config).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String body = "<main id=\"app\" class=\"jit-portal\" aria-live=\"polite\"><p>" + text("jitPortalLoading") + "</p></main>"
                + "<script type=\"application/json\" id=\"jit-portal-config\">" + json + "</script>"
                + "<script src=\"" + portalPath() + "assets/portal.js\"></script>";
        return html(Response.Status.OK, text("jitPortalTitle"), body);
    }

    /**
     * The landing page of a setup link: a form that posts the link's secret to {@code link/{orgId}}. With
     * {@code token} null (the secret is in the URL's fragment), {@code link.js} fills the field from the fragment and
     * takes the fragment out of the address bar; a link of an earlier release has it in the path, filled in here.
     * Its referrer policy is {@code same-origin}, so that the browser sends the form's real {@code Origin} (with
     * {@code no-referrer} it sends {@code Origin: null}, which the open refuses).
     */
    Response linkLanding(String orgId, String token) {
        String action = portalPath() + "link/" + escape(orgId);
        String body = "<main class=\"jit-portal jit-card\"><h1>" + text("jitPortalLinkTitle") + "</h1><p>"
                + text("jitPortalLinkIntro") + "</p><form method=\"post\" action=\"" + action + "\" id=\"jit-link-form\">"
                + "<input type=\"hidden\" name=\"token\" id=\"jit-link-token\" value=\"" + escape(token) + "\">"
                + "<button type=\"submit\" class=\"jit-primary\" id=\"jit-open-link\">" + text("jitPortalLinkOpen")
                + "</button></form></main>"
                + (token == null ? "<script src=\"" + portalPath() + "assets/link.js\"></script>" : "");
        return sameOriginReferrer(html(Response.Status.OK, text("jitPortalLinkTitle"), body));
    }

    /**
     * The landing page's referrer policy is {@code same-origin}: Keycloak's security headers (which would set the
     * realm's {@code no-referrer} over it) are left out of this response, and the page sends the portal's own
     * ({@link PortalHeaders}: its policy, and the realm's {@code frame-ancestors} and {@code X-Frame-Options}).
     */
    private Response sameOriginReferrer(Response response) {
        SecurityHeadersProvider securityHeaders = session.getProvider(SecurityHeadersProvider.class);
        if (securityHeaders != null) {
            securityHeaders.options().skipHeaders();
        }
        return Response.fromResponse(response).header("Referrer-Policy", null).header("Referrer-Policy", "same-origin")
                .build();
    }

    /** A link opened by a request from another origin (or none): refused, nothing used up. */
    Response linkCrossOrigin() {
        String body = "<main class=\"jit-portal jit-card\" id=\"jit-link-refused\" data-reason=\"cross-origin\"><h1>"
                + text("jitPortalLinkRefusedTitle") + "</h1><p>" + text("jitPortalLinkCrossOrigin") + "</p></main>";
        return html(Response.Status.FORBIDDEN, text("jitPortalLinkRefusedTitle"), body);
    }

    Response linkRefused(SetupLinks.Opened why) {
        String key = switch (why) {
            case USED -> "jitPortalLinkUsed";
            case EXPIRED -> "jitPortalLinkExpired";
            case DISABLED -> "jitPortalLinkDisabled";
            default -> "jitPortalLinkInvalid";
        };
        String body = "<main class=\"jit-portal jit-card\" id=\"jit-link-refused\" data-reason=\""
                + why.name().toLowerCase(Locale.ROOT) + "\"><h1>" + text("jitPortalLinkRefusedTitle") + "</h1><p>"
                + text(key) + "</p><p>" + text("jitPortalLinkAskAgain") + "</p></main>";
        return html(why == SetupLinks.Opened.INVALID ? Response.Status.NOT_FOUND
                : why == SetupLinks.Opened.DISABLED ? Response.Status.FORBIDDEN : Response.Status.GONE,
                text("jitPortalLinkRefusedTitle"), body);
    }

    Response linkOpened(String orgId, String cookieSecret) {
        return PortalHeaders.secure(Response.seeOther(URI.create(portalPath() + "?org=" + orgId))
                .header("Set-Cookie", PortalSessions.cookie(session, portalPath(), cookieSecret,
                        PortalOptionsHolder.SESSION_SECONDS))
                .header("Cache-Control", "no-store")).build();
    }

    private Response html(Response.Status status, String title, String body) {
        String page = "<!DOCTYPE html><html lang=\"" + escape(locale.toLanguageTag()) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + portalPath() + "assets/portal.css\"></head><body>"
                + "<header class=\"jit-header\"><span class=\"jit-realm\">" + escape(realm.getDisplayName() != null
                && !realm.getDisplayName().isBlank() ? realm.getDisplayName() : realm.getName()) + "</span></header>"
                + body + "</body></html>";
        return PortalHeaders.secure(Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")).build();
    }

    private String text(String key) {
        return escape(messages.getProperty(key, key).replace("''", "'")); // MessageFormat quoting, as Keycloak renders it
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final class PortalOptionsHolder {
        static final long SESSION_SECONDS = io.github.jitprovisioning.core.settings.PortalOptions.MAX_LINK_SESSION.toSeconds();
    }
}
