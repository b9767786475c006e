package io.github.jitprovisioning.admin;

import io.github.jitprovisioning.provisioning.KeycloakCompat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jitprovisioning.audit.PortalAudit;
import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.portal.SetupLink;
import io.github.jitprovisioning.portal.PortalClient;
import io.github.jitprovisioning.portal.RealmOptions;
import io.github.jitprovisioning.portal.SetupLinks;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.urls.UrlType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/jit/organizations/{orgId}/portal-links}: create ({@code manage-organizations}), list
 * ({@code view-organizations}) and revoke setup links. The link's URL is in the create answer only; the server keeps
 * its hash.
 */
public final class PortalLinksResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String orgId;

    PortalLinksResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                        AdminEventBuilder adminEvent, String orgId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.orgId = orgId;
    }

    /** Body optional: {@code {"lifetimeHours": 24}} (1 to 168; default the realm option, 72). */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        KeycloakCompat.requireManageOrganizations(auth);
        OrganizationModel organization = organization();
        Integer hours = null;
        if (body != null && !body.isBlank()) {
            try {
                JsonNode json = JSON.readTree(body);
                JsonNode value = json == null ? null : json.get("lifetimeHours");
                if (json == null || !json.isObject() || value != null && !value.canConvertToInt()) {
                    return error(Response.Status.BAD_REQUEST, "the body is {\"lifetimeHours\": <1 to 168>}");
                }
                hours = value == null ? null : value.asInt();
            } catch (JsonProcessingException e) {
                return error(Response.Status.BAD_REQUEST, "the body is not valid JSON");
            }
        }
        PortalOptions options = RealmOptions.of(realm, organization);
        Duration lifetime = options.linkLifetime(hours);
        if (lifetime == null) {
            return error(Response.Status.BAD_REQUEST, "lifetimeHours must be between 1 and "
                    + PortalOptions.MAX_LINK_LIFETIME.toHours());
        }
        PortalClient.ensure(realm);
        String creator = auth.adminAuth().getUser().getId();
        SetupLinks.Created created = SetupLinks.create(organization, lifetime, creator, Instant.now());
        String url = session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("jit-portal").path("link").path(organization.getId())
                .build().toString() + "#" + created.urlToken(); // the secret in the fragment: never sent, never logged
        Map<String, Object> representation = describe(created.link(), SetupLink.State.ACTIVE);
        adminEvent.resource(ResourceType.ORGANIZATION).operation(OperationType.CREATE)
                .resourcePath("organizations", organization.getId(), "portal-links", created.link().id())
                .representation(representation).success();
        PortalAudit.afterCommit(session, realm.getName(), organization.getId(), "user:" + creator, "link.create",
                Map.of("link_id", created.link().id(), "expires", created.link().expiresAt().toString()));
        Map<String, Object> answer = new LinkedHashMap<>(representation);
        answer.put("url", url);
        return Response.status(Response.Status.CREATED).entity(answer).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        KeycloakCompat.requireViewOrganizations(auth);
        OrganizationModel organization = organization();
        Instant now = Instant.now();
        List<Map<String, Object>> links = SetupLinks.list(organization).stream()
                .map(link -> describe(link, link.state(now, SetupLinks.used(organization, link.id()))))
                .toList();
        return Response.ok(links).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @DELETE
    @Path("{linkId}")
    public Response revoke(@PathParam("linkId") String linkId) {
        KeycloakCompat.requireManageOrganizations(auth);
        OrganizationModel organization = organization();
        if (!SetupLinks.revoke(organization, linkId)) {
            return error(Response.Status.NOT_FOUND, "no such setup link in this organization");
        }
        adminEvent.resource(ResourceType.ORGANIZATION).operation(OperationType.DELETE)
                .resourcePath("organizations", organization.getId(), "portal-links", linkId).success();
        PortalAudit.afterCommit(session, realm.getName(), organization.getId(),
                "user:" + auth.adminAuth().getUser().getId(), "link.revoke", Map.of("link_id", linkId));
        return Response.noContent().build();
    }

    private OrganizationModel organization() {
        OrganizationModel organization = orgId == null || orgId.length() > 64 ? null
                : session.getProvider(OrganizationProvider.class).getById(orgId);
        if (organization == null) {
            throw new jakarta.ws.rs.WebApplicationException(error(Response.Status.NOT_FOUND, "no such organization"));
        }
        return organization;
    }

    private static Map<String, Object> describe(SetupLink link, SetupLink.State state) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", link.id());
        entry.put("createdAt", link.createdAt().toString());
        entry.put("expiresAt", link.expiresAt().toString());
        entry.put("createdBy", link.createdBy());
        entry.put("state", state.name());
        return entry;
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("error", message)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
