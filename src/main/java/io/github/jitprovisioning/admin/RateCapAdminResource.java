package io.github.jitprovisioning.admin;

import io.github.jitprovisioning.audit.RateCapAudit;
import io.github.jitprovisioning.core.guardrails.RateCap;
import io.github.jitprovisioning.guardrails.ProvisioningRateCap;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.portal.RealmOptions;
import io.github.jitprovisioning.provisioning.KeycloakCompat;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/jit/organizations/{orgId}/rate-cap}: the organization's provisioning rate cap and its
 * current hour ({@code GET}, {@code view-organizations}), and {@code POST resume} ({@code manage-organizations}, who
 * may also set the cap's override attribute): JIT for a paused organization provisions again at once, the cap counting
 * from zero for the rest of the hour. The self-service portal has no such call: the cap guards against the customer's
 * own IdP, so only the operator of the realm lifts it early.
 */
public final class RateCapAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String orgId;

    RateCapAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                         AdminEventBuilder adminEvent, String orgId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.orgId = orgId;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        KeycloakCompat.requireViewOrganizations(auth);
        OrganizationModel organization = organization();
        ProvisioningRateCap rateCap = new ProvisioningRateCap(session, realm);
        return ok(rateCap.status(organization.getId(), cap(rateCap, organization)).toJson());
    }

    @POST
    @Path("resume")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resume() {
        KeycloakCompat.requireManageOrganizations(auth);
        OrganizationModel organization = organization();
        ProvisioningRateCap rateCap = new ProvisioningRateCap(session, realm);
        RateCap cap = cap(rateCap, organization);
        ProvisioningRateCap.Status before = rateCap.status(organization.getId(), cap);
        ProvisioningRateCap.Status after = rateCap.resume(organization.getId(), cap);
        Map<String, Object> representation = new LinkedHashMap<>(after.toJson());
        representation.put("wasPaused", before.paused());
        adminEvent.resource(ResourceType.ORGANIZATION).operation(OperationType.ACTION)
                .resourcePath("organizations", organization.getId(), "rate-cap", "resume")
                .representation(representation).success();
        String actor = auth.adminAuth().getUser().getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                RateCapAudit.resumed(realm.getName(), organization.getId(), actor, representation);
            }

            @Override
            protected void rollbackImpl() {
                // nothing was resumed
            }
        });
        return ok(representation);
    }

    private RateCap cap(ProvisioningRateCap rateCap, OrganizationModel organization) {
        return rateCap.cap(organization, RealmOptions.stepConfig(realm, organization), new ConfigLog(realm.getName()));
    }

    private OrganizationModel organization() {
        OrganizationModel organization = orgId == null || orgId.length() > 64 ? null
                : session.getProvider(OrganizationProvider.class).getById(orgId);
        if (organization == null) {
            throw new WebApplicationException(Response.status(Response.Status.NOT_FOUND)
                    .entity(Map.of("error", "no such organization")).type(MediaType.APPLICATION_JSON_TYPE).build());
        }
        return organization;
    }

    private static Response ok(Map<String, Object> body) {
        return Response.ok(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
