package io.github.jitprovisioning.admin;

import io.github.jitprovisioning.authenticator.JitDomainCheckAuthenticatorFactory;
import io.github.jitprovisioning.core.decision.LoginFacts;
import io.github.jitprovisioning.core.settings.RealmSettings;
import io.github.jitprovisioning.provisioning.ConfigLog;
import io.github.jitprovisioning.provisioning.DecisionRunner;
import io.github.jitprovisioning.provisioning.JitRecord;
import io.github.jitprovisioning.provisioning.JitStepSettings;
import io.github.jitprovisioning.provisioning.KeycloakCompat;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import io.github.jitprovisioning.portal.PortalClient;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.github.jitprovisioning.core.rollout.JitMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/jit}: the JIT admin API. {@code POST simulate} answers what a first login
 * would get now, and changes nothing: the decision is computed by the same code as a real login
 * ({@link DecisionRunner}), no event is sent, and the transaction is rolled back whatever happens. The caller
 * needs {@code view-users}, {@code view-organizations} and {@code view-identity-providers} (the answer names
 * IdP aliases and the first broker login flow's configuration).
 */
public final class JitAdminResource {

    private static final Logger LOG = Logger.getLogger(JitAdminResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    JitAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                     AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** {@code /organizations/{orgId}/portal-links}: setup links of the self-service portal. */
    @Path("organizations/{orgId}/portal-links")
    public PortalLinksResource portalLinks(@PathParam("orgId") String orgId) {
        return new PortalLinksResource(session, realm, auth, adminEvent, orgId);
    }

    /** Creates the portal's public client {@code jit-portal} when it is missing; answers its client id. */
    @PUT
    @Path("portal-client")
    @Produces(MediaType.APPLICATION_JSON)
    public Response portalClient() {
        auth.clients().requireManage();
        boolean existed = realm.getClientByClientId(PortalClient.CLIENT_ID) != null;
        ClientModel client = PortalClient.ensure(realm);
        if (!existed) {
            adminEvent.resource(ResourceType.CLIENT).operation(OperationType.CREATE)
                    .resourcePath("clients", client.getId())
                    .representation(Map.of("clientId", client.getClientId(), "publicClient", true)).success();
        }
        return Response.status(existed ? Response.Status.OK : Response.Status.CREATED)
                .entity(Map.of("clientId", client.getClientId(), "id", client.getId()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response simulate(String body) {
        // the answer reveals who would be admitted, into which organization, through which IdP and flow
        auth.users().requireView();
        KeycloakCompat.requireViewOrganizations(auth); // auth.orgs() exists from Keycloak 26.6
        auth.realm().requireViewIdentityProviders();
        session.getTransactionManager().setRollbackOnly();

        SimulateRequest request;
        try {
            request = SimulateRequest.parse(body);
        } catch (SimulateRequest.Invalid e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(request.identityProvider());
        if (idp == null) {
            return error(Response.Status.NOT_FOUND, "no identity provider with alias '" + request.identityProvider()
                    + "' in realm '" + realm.getName() + "'");
        }

        JitStepSettings step = JitStepSettings.of(realm, idp);
        RealmSettings settings = io.github.jitprovisioning.sso.SelfServiceIdps.settingsFor(
                RealmSettings.fromConfig(step.config(), new ConfigLog(realm.getName())), idp);
        LoginFacts login = new LoginFacts(idp.getAlias(), request.email(), request.emailVerified(),
                Boolean.TRUE.equals(idp.isTrustEmail()));
        JitRecord record = new DecisionRunner(session, realm).decide(login, request.username(), settings);
        LOG.debugf("JIT simulate in realm '%s' through '%s': %s/%s", realm.getName(), idp.getAlias(),
                record.outcome().code(), record.reason().code());
        return Response.ok(answer(record, step, idp)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code organizations/{orgId}/rate-cap}: the provisioning rate cap (docs/guardrails.md, "Rate cap"). */
    @Path("organizations/{orgId}/rate-cap")
    public RateCapAdminResource rateCap(@PathParam("orgId") String orgId) {
        return new RateCapAdminResource(session, realm, auth, adminEvent, orgId);
    }

    /** {@code organizations/{orgId}/domains}: domain verification (docs/domain-verification.md). */
    @Path("organizations/{orgId}/domains")
    public DomainsAdminResource domains(@PathParam("orgId") String orgId) {
        return new DomainsAdminResource(session, realm, auth, orgId);
    }

    /** {@code organizations/{orgId}/members}: members with origin and SSO sign-ins (docs/members.md). */
    @Path("organizations/{orgId}/members")
    public MembersAdminResource members(@PathParam("orgId") String orgId) {
        return new MembersAdminResource(session, realm, auth, adminEvent, orgId);
    }

    private static Map<String, Object> answer(JitRecord record, JitStepSettings step, IdentityProviderModel idp) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", record.outcome().code());
        answer.put("reason", record.reason().code());
        // the mode the decision would be applied in; letThrough: a refusal that report-only lets go on as the
        // stock flow would (an account and Keycloak's own membership, no JIT grants)
        answer.put("mode", record.mode() == null ? JitMode.ENFORCE.code() : record.mode().code());
        answer.put("letThrough", record.letThrough());
        Map<String, String> organization = null;
        if (record.organizationId() != null) {
            organization = new LinkedHashMap<>();
            organization.put("id", record.organizationId());
            organization.put("name", record.organizationName());
        }
        answer.put("organization", organization);
        answer.put("identityProvider", idp.getAlias());
        answer.put("emailDomain", record.emailDomain());
        answer.put("roles", record.roles());
        answer.put("groups", record.groups());
        List<String> warnings = new ArrayList<>(record.warnings());
        if (!step.decides()) {
            warnings.add(step.flowAlias() == null
                    ? "no first broker login flow is set for this identity provider or the realm: a real login would not run JIT"
                    : "the first broker login flow '" + step.flowAlias() + "' has no enabled "
                    + JitDomainCheckAuthenticatorFactory.PROVIDER_ID
                    + " step: a real login would not be decided by JIT (this answer uses the default settings)");
        }
        answer.put("warnings", warnings);
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("firstBrokerLoginFlow", step.flowAlias());
        flow.put("jitStep", step.step() == null ? "absent" : step.step().name());
        flow.put("configured", step.config() != null);
        answer.put("settingsFrom", flow);
        return answer;
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("error", message)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
