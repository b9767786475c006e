package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.portal.SetupLink;
import io.github.jitprovisioning.core.portal.SameOrigin;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /realms/{realm}/jit-portal/}: the portal page (a small script app, all assets served from the JAR), the
 * setup-link pages and the JSON API ({@link PortalApi}).
 */
public final class JitPortalResource {

    private static final Map<String, String> ASSETS = Map.of(
            "portal.js", "application/javascript; charset=utf-8",
            "link.js", "application/javascript; charset=utf-8",
            "portal.css", "text/css; charset=utf-8");

    private final KeycloakSession session;
    private final RealmModel realm;

    JitPortalResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return new PortalPage(session, realm).app();
    }

    @GET
    @Path("assets/{name}")
    public Response asset(@PathParam("name") String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        try (InputStream in = JitPortalResource.class.getResourceAsStream("/jit-portal/" + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return PortalHeaders.secure(Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache")).build();
        } catch (IOException e) {
            throw new NotFoundException();
        }
    }

    /**
     * The landing page of a setup link ({@code link/{orgId}#<id>.<secret>}): the secret is in the fragment, which the
     * browser never sends, so it lands in no access log; the page's script puts it into the form. The page only shows
     * a button, so that a mail scanner that fetches the link does not use it up; the button's POST opens it.
     */
    @GET
    @Path("link/{orgId}")
    @Produces(MediaType.TEXT_HTML)
    public Response linkLanding(@PathParam("orgId") String orgId) {
        return landing(orgId, null);
    }

    /**
     * The landing page of a link in the form of earlier releases ({@code link/{orgId}/<id>.<secret>}), so that links
     * already sent keep working; its form posts the secret in the body, like the new form.
     */
    @GET
    @Path("link/{orgId}/{token}")
    @Produces(MediaType.TEXT_HTML)
    public Response legacyLinkLanding(@PathParam("orgId") String orgId, @PathParam("token") String token) {
        return landing(orgId, token);
    }

    /** A disabled organization's links do not open: its landing page says so, and the link stays unused. */
    private Response landing(String orgId, String token) {
        OrganizationModel organization = orgId == null || orgId.length() > 64 ? null
                : session.getProvider(OrganizationProvider.class).getById(orgId);
        if (organization != null && !organization.isEnabled()
                && SetupLinks.judge(organization, token, Instant.now()) == SetupLinks.Opened.DISABLED) {
            return new PortalPage(session, realm).linkRefused(SetupLinks.Opened.DISABLED);
        }
        return new PortalPage(session, realm).linkLanding(orgId, token);
    }

    /** Opens a link: its secret in the form field {@code token}; the request must come from the portal's origin. */
    @POST
    @Path("link/{orgId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response openLink(@PathParam("orgId") String orgId, @FormParam("token") String token) {
        return open(orgId, token);
    }

    /**
     * Opens a link whose secret is in the path: the form of a landing page that an earlier release served (a page
     * still open in a browser during an upgrade). The same checks as {@link #openLink}.
     */
    @POST
    @Path("link/{orgId}/{token}")
    @Produces(MediaType.TEXT_HTML)
    public Response openLegacyLink(@PathParam("orgId") String orgId, @PathParam("token") String token) {
        return open(orgId, token);
    }

    private Response open(String orgId, String token) {
        PortalPage page = new PortalPage(session, realm);
        // login CSRF: another site must not open its own link in a victim's browser
        if (!SameOrigin.matches(session.getContext().getRequestHeaders().getHeaderString("Origin"),
                session.getContext().getUri().getBaseUri())) {
            return page.linkCrossOrigin();
        }
        OrganizationModel organization = orgId == null || orgId.length() > 64 ? null
                : session.getProvider(OrganizationProvider.class).getById(orgId);
        Instant now = Instant.now();
        // a valid link of a disabled organization is refused and stays unused: it opens once the organization is enabled
        SetupLinks.Opened opened = SetupLinks.open(session, organization, token, now);
        if (opened != SetupLinks.Opened.OPENED) {
            return page.linkRefused(opened);
        }
        String linkId = token.substring(0, token.indexOf('.'));
        String cookie = PortalSessions.start(session, organization.getId(), linkId, now);
        PortalChanges changes = new PortalChanges(session, realm,
                new PortalCaller(null, null, new PortalSessions.LinkSession(organization.getId(), linkId, "", SetupLink.sessionEnd(now))),
                organization.getId());
        changes.audit("link.open", Map.of("link_id", linkId));
        return page.linkOpened(organization.getId(), cookie);
    }

    @Path("api")
    public PortalApi api() {
        return new PortalApi(session, realm);
    }
}
