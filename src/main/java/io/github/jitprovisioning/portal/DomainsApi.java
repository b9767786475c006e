package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.DomainName;
import io.github.jitprovisioning.core.PortalDomain;
import jakarta.ws.rs.Consumes;
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
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code .../domains}: list, add (unverified), remove. A domain another organization of the realm holds is refused
 * with 409 and without the other organization's name. DNS verification is a separate capability (issue 10).
 */
public final class DomainsApi {

    private final KeycloakSession session;
    private final OrganizationModel organization;
    private final PortalChanges changes;

    DomainsApi(KeycloakSession session, OrganizationModel organization, PortalChanges changes) {
        this.session = session;
        this.organization = organization;
        this.changes = changes;
    }

    static List<Map<String, Object>> domains(OrganizationModel organization) {
        return organization.getDomains()
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .map(domain -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", domain.getName());
                    entry.put("verified", domain.isVerified());
                    return entry;
                }).toList();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return ApiResponses.ok(domains(organization));
    }

    /** {@code {"name": "acme.com"}} (or {@code *.acme.com}). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response add(String body) {
        PortalDomain.Checked checked = PortalDomain.check(ApiResponses.text(ApiResponses.object(body), "name"));
        if (!checked.accepted()) {
            return ApiResponses.error(Response.Status.BAD_REQUEST, "domain_" + checked.refusal().code(),
                    switch (checked.refusal()) {
                        case INVALID -> "not a valid domain name";
                        case PUBLIC_SUFFIX -> "a public suffix cannot belong to one organization";
                        case CONSUMER -> "a consumer mail domain cannot belong to one organization";
                    });
        }
        String domain = checked.domain();
        if (organization.getDomains().anyMatch(d -> d.getName().equals(domain))) {
            return ApiResponses.error(Response.Status.CONFLICT, "domain_exists", "the organization already has this domain");
        }
        OrganizationModel holder = session.getProvider(OrganizationProvider.class)
                .getByDomainName(domain.startsWith("*.") ? domain.substring(2) : domain);
        if (holder != null && !holder.getId().equals(organization.getId())) {
            return ApiResponses.error(Response.Status.CONFLICT, "domain_taken",
                    "another organization already registered this domain");
        }
        Set<OrganizationDomainModel> updated = organization.getDomains().collect(Collectors.toSet());
        updated.add(new OrganizationDomainModel(domain, false));
        try {
            organization.setDomains(updated);
        } catch (ModelException e) {
            session.getTransactionManager().setRollbackOnly();
            return ApiResponses.error(Response.Status.CONFLICT, "domain_taken",
                    "another organization already registered this domain");
        }
        changes.record(ResourceType.ORGANIZATION, OperationType.CREATE, "domains/" + domain, "domain.add",
                Map.of("domain", domain, "verified", false));
        return ApiResponses.json(Response.Status.CREATED, Map.of("name", domain, "verified", false));
    }

    @DELETE
    @Path("{domain}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("domain") String raw) {
        String domain = DomainName.normalizePattern(raw).orElse(raw);
        Set<OrganizationDomainModel> current = organization.getDomains().collect(Collectors.toSet());
        if (current.stream().noneMatch(d -> d.getName().equals(domain))) {
            return ApiResponses.error(Response.Status.NOT_FOUND, "not_found", "the organization has no such domain");
        }
        current.removeIf(d -> d.getName().equals(domain));
        try {
            organization.setDomains(current);
        } catch (ModelException e) {
            session.getTransactionManager().setRollbackOnly();
            return ApiResponses.error(Response.Status.BAD_REQUEST, "domain_required", e.getMessage());
        }
        changes.record(ResourceType.ORGANIZATION, OperationType.DELETE, "domains/" + domain, "domain.remove",
                Map.of("domain", domain));
        return Response.noContent().build();
    }
}
