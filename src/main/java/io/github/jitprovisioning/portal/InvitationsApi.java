package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.decision.JitDecider;
import io.github.jitprovisioning.core.portal.PortalInput;
import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.provisioning.KeycloakOrganizationDirectory;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.InvitationManager;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.admin.resource.OrganizationInvitationResource;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.Map;

/**
 * {@code .../invitations}: Keycloak's own invitation store and mail (through its {@link OrganizationInvitationResource},
 * so that the invitation link is exactly the one Keycloak's admin console sends). An invitation id of another
 * organization is 404. An address of a domain that another organization registered is refused (400
 * {@code domain_of_another_organization}): the decision rules would never admit it through this organization's IdP.
 */
public final class InvitationsApi {

    /** The refusal of an address whose domain another organization registered (SPEC rule 5). */
    static final String DOMAIN_OF_ANOTHER_ORGANIZATION = Reason.DOMAIN_OF_ANOTHER_ORGANIZATION.code();

    private final KeycloakSession session;
    private final OrganizationModel organization;
    private final PortalChanges changes;
    private final InvitationManager invitations;

    InvitationsApi(KeycloakSession session, OrganizationModel organization, PortalChanges changes) {
        this.session = session;
        this.organization = organization;
        this.changes = changes;
        this.invitations = session.getProvider(OrganizationProvider.class).getInvitationManager();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return ApiResponses.ok(invitations.getAllStream(organization, Map.of(), 0, 500)
                .map(InvitationsApi::representation).toList());
    }

    /**
     * {@code {"email": "carol@acme.com", "firstName": "...", "lastName": "..."}} (names optional). The invitation keeps
     * only the names the admin typed: Keycloak fills in an existing user's own names, which are not this
     * organization's to see (nor a hint that the address has an account).
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response invite(byte[] body) {
        JsonBody json = JsonBody.read(session, body, Set.of("email", "firstName", "lastName"));
        String email = json.text("email", PortalInput::emailRefusal).trim().toLowerCase(Locale.ROOT);
        String firstName = json.optionalText("firstName", PortalInput::personNameRefusal);
        String lastName = json.optionalText("lastName", PortalInput::personNameRefusal);
        if (JitDecider.domainOfAnotherOrganization(email, organization.getId(),
                new KeycloakOrganizationDirectory(session))) {
            return ApiResponses.error(Response.Status.BAD_REQUEST, DOMAIN_OF_ANOTHER_ORGANIZATION,
                    "this address is of a domain that another organization registered: an invitation would never admit "
                            + "it through your identity provider; that person signs in through their own organization");
        }
        Response sent = keycloak(() -> resource().inviteUser(email, firstName, lastName));
        if (sent.getStatus() >= 300) {
            return sent;
        }
        keepTypedNames(email, firstName == null ? null : firstName.trim(), lastName == null ? null : lastName.trim());
        changes.audit("invitation.create", Map.of("email_domain", email.substring(email.indexOf('@') + 1)));
        return ApiResponses.json(Response.Status.CREATED, Map.of("email", email));
    }

    @POST
    @Path("{id}/resend")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resend(@PathParam("id") String id) {
        OrganizationInvitationModel invitation = own(id);
        String email = invitation.getEmail();
        String firstName = invitation.getFirstName();
        String lastName = invitation.getLastName();
        Response sent = keycloak(() -> resource().resendInvitation(invitation.getId()));
        if (sent.getStatus() >= 300) {
            return sent;
        }
        keepTypedNames(email, firstName, lastName); // Keycloak's resend invites anew, filling in an account's names
        changes.audit("invitation.resend", Map.of("invitation_id", id));
        return ApiResponses.noContent();
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id) {
        OrganizationInvitationModel invitation = own(id);
        Response removed = keycloak(() -> resource().deleteInvitation(invitation.getId()));
        if (removed.getStatus() >= 300) {
            return removed;
        }
        changes.audit("invitation.revoke", Map.of("invitation_id", id));
        return ApiResponses.noContent();
    }

    /** The invitation of {@code email} holds exactly these names (what the admin typed), nothing Keycloak filled in. */
    private void keepTypedNames(String email, String firstName, String lastName) {
        OrganizationInvitationModel invitation = invitations.getByEmail(organization, email);
        if (invitation != null) {
            invitation.setFirstName(firstName);
            invitation.setLastName(lastName);
        }
    }

    private OrganizationInvitationResource resource() {
        return new OrganizationInvitationResource(session, organization, changes.adminEvent(),
                DelegatedPermissions.forOrganization(organization));
    }

    private OrganizationInvitationModel own(String id) {
        OrganizationInvitationModel invitation = id == null || id.length() > 64 ? null : invitations.getById(id);
        if (invitation == null || !organization.getId().equals(invitation.getOrganizationId())) {
            throw ApiResponses.refuse(Response.Status.NOT_FOUND, "not_found", "no such invitation in this organization");
        }
        return invitation;
    }

    /** Runs a Keycloak call; its refusals become portal refusals and roll back whatever it did. */
    private Response keycloak(java.util.function.Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            session.getTransactionManager().setRollbackOnly();
            int status = e.getResponse().getStatus();
            String message = e.getResponse().hasEntity() ? String.valueOf(e.getResponse().getEntity()) : e.getMessage();
            if (e.getResponse().getEntity() instanceof org.keycloak.representations.idm.ErrorRepresentation error) {
                message = error.getErrorMessage();
            }
            return ApiResponses.error(status >= 500 ? Response.Status.BAD_GATEWAY : Response.Status.fromStatusCode(status),
                    status >= 500 ? "mail_failed" : "invitation_refused", message);
        }
    }

    private static Map<String, Object> representation(OrganizationInvitationModel invitation) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", invitation.getId());
        entry.put("email", invitation.getEmail());
        entry.put("firstName", invitation.getFirstName());
        entry.put("lastName", invitation.getLastName());
        entry.put("sentAt", invitation.getCreatedAt());
        entry.put("expiresAt", invitation.getExpiresAt());
        entry.put("status", invitation.isExpired() ? "EXPIRED" : "PENDING");
        return entry;
    }
}
