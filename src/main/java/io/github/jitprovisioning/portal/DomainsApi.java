package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.text.DomainName;
import io.github.jitprovisioning.domains.Actor;
import io.github.jitprovisioning.domains.DomainResult;
import io.github.jitprovisioning.domains.DomainVerificationService;
import io.github.jitprovisioning.domains.DomainView;
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
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code .../domains}: the organization's domains with their verification state, through the extension's
 * {@link DomainVerificationService} (claim, verify by DNS TXT now, remove; it validates, records admin events and
 * audit lines, and refuses a domain another organization verified with 409 without naming it). Domains a realm admin
 * registered in Keycloak without a claim are listed as {@code registered} (or {@code verified}) and can be removed.
 */
public final class DomainsApi {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationModel organization;
    private final PortalCaller caller;
    private final PortalChanges changes;

    DomainsApi(KeycloakSession session, RealmModel realm, OrganizationModel organization, PortalCaller caller,
               PortalChanges changes) {
        this.session = session;
        this.realm = realm;
        this.organization = organization;
        this.caller = caller;
        this.changes = changes;
    }

    /** Claims and Keycloak domains of the organization, one entry per domain. */
    static List<Map<String, Object>> domains(KeycloakSession session, RealmModel realm, OrganizationModel organization) {
        List<Map<String, Object>> domains = new ArrayList<>();
        Set<String> claimed = new java.util.HashSet<>();
        DomainVerificationService service = session.getProvider(DomainVerificationService.class);
        if (service != null) {
            for (DomainView view : service.list(realm, organization)) {
                domains.add(view.toMap());
                claimed.add(view.domain());
            }
        }
        organization.getDomains().filter(d -> !claimed.contains(d.getName()))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .forEach(d -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("domain", d.getName());
                    entry.put("state", d.isVerified() ? "verified" : "registered");
                    domains.add(entry);
                });
        return domains;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return ApiResponses.ok(domains(session, realm, organization));
    }

    /** {@code {"name": "acme.com"}} (or {@code *.acme.com}): a pending claim with the TXT record to publish. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response add(byte[] body) {
        String name = JsonBody.read(session, body, java.util.Set.of("name"))
                .text("name", io.github.jitprovisioning.core.portal.PortalInput::textRefusal);
        return answer(service().claim(realm, organization, name.trim(), actor(),
                RealmOptions.domains(realm, organization).maxClaims()));
    }

    @POST
    @Path("{domain}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@PathParam("domain") String domain) {
        return answer(service().verifyNow(realm, organization, domain, actor()));
    }

    @DELETE
    @Path("{domain}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("domain") String raw) {
        DomainResult removed = service().remove(realm, organization, raw, actor());
        if (removed.status() == DomainResult.Status.OK) {
            return ApiResponses.noContent();
        }
        // a domain registered in Keycloak without a claim (by a realm admin)
        String domain = DomainName.normalizePattern(raw).orElse(raw);
        Set<OrganizationDomainModel> current = organization.getDomains().collect(Collectors.toSet());
        if (!current.removeIf(d -> d.getName().equals(domain))) {
            return ApiResponses.error(Response.Status.NOT_FOUND, "domain-not-claimed", "the organization has no such domain");
        }
        try {
            organization.setDomains(current);
        } catch (org.keycloak.models.ModelException e) {
            session.getTransactionManager().setRollbackOnly();
            return ApiResponses.error(Response.Status.BAD_REQUEST, "domain-required", e.getMessage());
        }
        changes.record(ResourceType.ORGANIZATION, OperationType.DELETE, "domains/" + domain, "domain.remove",
                Map.of("domain", domain));
        return ApiResponses.noContent();
    }

    private DomainVerificationService service() {
        DomainVerificationService service = session.getProvider(DomainVerificationService.class);
        if (service == null) {
            throw ApiResponses.refuse(Response.Status.SERVICE_UNAVAILABLE, "unavailable", "domain verification is off");
        }
        return service;
    }

    private Actor actor() {
        return caller.user() != null ? Actor.user(caller.user().getId()) : Actor.link(caller.link().linkId());
    }

    private static Response answer(DomainResult result) {
        return switch (result.status()) {
            case OK -> ApiResponses.ok(result.domain().toMap());
            case CREATED -> ApiResponses.json(Response.Status.CREATED, result.domain().toMap());
            case INVALID -> ApiResponses.error(Response.Status.BAD_REQUEST, result.code(), result.code());
            case CONFLICT -> ApiResponses.error(Response.Status.CONFLICT, result.code(), result.code());
            case NOT_FOUND -> ApiResponses.error(Response.Status.NOT_FOUND, result.code(), result.code());
            case TOO_SOON -> PortalHeaders.secure(Response.status(429).header("Retry-After", "60").entity(Map.of("error",
                    result.code(), "message", result.code())).type(MediaType.APPLICATION_JSON_TYPE)).build();
            case BUSY -> PortalHeaders.secure(Response.status(503).header("Retry-After", "5").entity(Map.of("error",
                    result.code(), "message", result.code())).type(MediaType.APPLICATION_JSON_TYPE)).build();
        };
    }
}
