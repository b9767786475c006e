package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.text.DomainName;
import io.github.jitprovisioning.core.decision.OrganizationDirectory;
import io.github.jitprovisioning.core.decision.OrganizationFacts;
import io.github.jitprovisioning.core.decision.PendingInvitation;
import io.github.jitprovisioning.core.decision.RegisteredDomain;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The core's {@link OrganizationDirectory} over Keycloak's {@link OrganizationProvider}. Organizations are read
 * only through the provider, and domains are normalized by the core before any lookup (the provider's cache
 * keys use the raw input).
 */
public final class KeycloakOrganizationDirectory implements OrganizationDirectory {

    private static final Logger LOG = Logger.getLogger(KeycloakOrganizationDirectory.class);

    private final KeycloakSession session;
    private final OrganizationProvider organizations;
    private final Map<String, Optional<OrganizationModel>> linked = new LinkedHashMap<>();

    public KeycloakOrganizationDirectory(KeycloakSession session) {
        this.session = session;
        this.organizations = session.getProvider(OrganizationProvider.class);
    }

    @Override
    public Optional<OrganizationFacts> linkedTo(String identityProviderAlias) {
        return linkedModel(identityProviderAlias).map(KeycloakOrganizationDirectory::facts);
    }

    @Override
    public Optional<OrganizationFacts> owning(String asciiDomain) {
        return owningModel(asciiDomain).map(KeycloakOrganizationDirectory::facts);
    }

    /** The invitation of this address in this one organization: the core names the organizations it may search. */
    @Override
    public Optional<PendingInvitation> pendingInvitation(String address, OrganizationFacts organization) {
        if (organizations == null || organization == null) {
            return Optional.empty();
        }
        OrganizationModel model = organizations.getById(organization.id());
        return model == null || !model.isEnabled() ? Optional.empty() : invitation(model, address);
    }

    /** The Keycloak model of an organization by id, or {@code null}. */
    public OrganizationModel byId(String id) {
        return organizations == null || id == null ? null : organizations.getById(id);
    }

    private Optional<PendingInvitation> invitation(OrganizationModel org, String address) {
        OrganizationInvitationModel invitation = organizations.getInvitationManager().getByEmail(org, address);
        if (invitation == null || invitation.isExpired()) {
            return Optional.empty();
        }
        return Optional.of(new PendingInvitation(invitation.getId(), facts(org)));
    }

    private Optional<OrganizationModel> linkedModel(String alias) {
        return linked.computeIfAbsent(alias, a -> {
            if (organizations == null || !organizations.isEnabled()) {
                return Optional.empty();
            }
            IdentityProviderModel idp = session.identityProviders().getByAlias(a);
            if (idp == null || idp.getOrganizationId() == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(organizations.getById(idp.getOrganizationId()));
        });
    }

    private Optional<OrganizationModel> owningModel(String domain) {
        if (organizations == null || !organizations.isEnabled()) {
            return Optional.empty();
        }
        Optional<String> ascii = DomainName.normalize(domain);
        if (ascii.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(UnknownDomains.owner(session, organizations, ascii.get()));
        } catch (ModelException e) {
            // Keycloak validates the domain again; what it refuses, no organization owns.
            LOG.debugf("Keycloak refused the domain '%s': %s", ascii.get(), e.getMessage());
            return Optional.empty();
        }
    }

    static OrganizationFacts facts(OrganizationModel org) {
        return new OrganizationFacts(org.getId(), org.getName(), org.isEnabled(),
                org.getDomains().map(d -> new RegisteredDomain(d.getName(), d.isVerified())).toList(),
                org.getAttributes() == null ? Map.of() : Map.copyOf(org.getAttributes()));
    }
}
