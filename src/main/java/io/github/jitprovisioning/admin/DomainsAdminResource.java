package io.github.jitprovisioning.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jitprovisioning.core.domains.DomainOptions;
import io.github.jitprovisioning.domains.Actor;
import io.github.jitprovisioning.portal.RealmOptions;
import io.github.jitprovisioning.domains.DomainResult;
import io.github.jitprovisioning.domains.DomainVerificationService;
import io.github.jitprovisioning.domains.DomainView;
import io.github.jitprovisioning.provisioning.KeycloakCompat;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/jit/organizations/{orgId}/domains}: domain verification for realm admins
 * ({@code view-organizations} to read, {@code manage-organizations} to change). The logic is
 * {@link DomainVerificationService}'s, shared with the portal.
 */
public final class DomainsAdminResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> MESSAGES = Map.of(
            "invalid-domain", "not a valid domain name",
            "public-suffix", "a public suffix (such as com, co.uk or github.io) cannot be claimed",
            "consumer-domain", "a consumer mail domain (such as gmail.com) cannot be claimed",
            "domain-taken", "the domain is registered and verified by another organization",
            "domain-look-alike", "the domain looks like a domain already registered in this realm (letters of another "
                    + "script or characters that look alike); it cannot be claimed",
            "domain-limit", "the organization has claimed as many domains as the realm allows (" + DomainOptions.MAX_CLAIMS
                    + "); remove one first",
            "domain-not-claimed", "this organization has not claimed the domain",
            "verify-too-soon", "the domain was checked less than a minute ago; try again later",
            "verify-busy", "too many domains are being checked on this server right now; try again in a few seconds",
            "invalid-request", "the body must be a JSON object with a \"domain\" string");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final String organizationId;

    DomainsAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                         String organizationId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.organizationId = organizationId;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        KeycloakCompat.requireViewOrganizations(auth);
        OrganizationModel org = organization();
        if (org == null) {
            return notFound();
        }
        return json(Response.Status.OK, Map.of("domains", service().list(realm, org).stream().map(DomainView::toMap).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response claim(String body) {
        KeycloakCompat.requireManageOrganizations(auth);
        OrganizationModel org = organization();
        if (org == null) {
            return notFound();
        }
        String domain;
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            domain = node != null && node.path("domain").isTextual() ? node.path("domain").asText() : null;
        } catch (IOException e) {
            domain = null;
        }
        if (domain == null) {
            return error(Response.Status.BAD_REQUEST, "invalid-request");
        }
        return answer(service().claim(realm, org, domain, actor(), RealmOptions.domains(realm, org).maxClaims()));
    }

    @POST
    @Path("{domain}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verifyNow(@PathParam("domain") String domain) {
        KeycloakCompat.requireManageOrganizations(auth);
        OrganizationModel org = organization();
        return org == null ? notFound() : answer(service().verifyNow(realm, org, domain, actor()));
    }

    @POST
    @Path("{domain}/mark-verified")
    @Produces(MediaType.APPLICATION_JSON)
    public Response markVerified(@PathParam("domain") String domain) {
        KeycloakCompat.requireManageOrganizations(auth);
        OrganizationModel org = organization();
        return org == null ? notFound() : answer(service().markVerified(realm, org, domain, actor()));
    }

    @DELETE
    @Path("{domain}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("domain") String domain) {
        KeycloakCompat.requireManageOrganizations(auth);
        OrganizationModel org = organization();
        if (org == null) {
            return notFound();
        }
        DomainResult result = service().remove(realm, org, domain, actor());
        return result.status() == DomainResult.Status.OK ? Response.noContent().build() : answer(result);
    }

    private Response answer(DomainResult result) {
        return switch (result.status()) {
            case OK -> json(Response.Status.OK, result.domain().toMap());
            case CREATED -> json(Response.Status.CREATED, result.domain().toMap());
            case INVALID -> error(Response.Status.BAD_REQUEST, result.code());
            case CONFLICT -> error(Response.Status.CONFLICT, result.code());
            case NOT_FOUND -> error(Response.Status.NOT_FOUND, result.code());
            case TOO_SOON -> Response.status(429).header("Retry-After", "60")
                    .entity(errorBody(result.code())).type(MediaType.APPLICATION_JSON_TYPE).build();
            case BUSY -> Response.status(503).header("Retry-After", "5")
                    .entity(errorBody(result.code())).type(MediaType.APPLICATION_JSON_TYPE).build();
        };
    }

    private OrganizationModel organization() {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        return organizations == null || !realm.isOrganizationsEnabled() ? null : organizations.getById(organizationId);
    }

    private DomainVerificationService service() {
        return session.getProvider(DomainVerificationService.class);
    }

    private Actor actor() {
        return Actor.user(auth.adminAuth().getUser().getId());
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Map.of("error", "no such organization in this realm (or organizations are disabled)",
                        "code", "organization-not-found"))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response error(Response.Status status, String code) {
        return Response.status(status).entity(errorBody(code)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Map<String, String> errorBody(String code) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", MESSAGES.getOrDefault(code, code));
        body.put("code", code);
        return body;
    }

    private static Response json(Response.Status status, Object entity) {
        return Response.status(status).entity(entity).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
