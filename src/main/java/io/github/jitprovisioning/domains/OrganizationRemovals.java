package io.github.jitprovisioning.domains;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Forgets the domain claims of a removed organization. Kept out of {@link DomainVerificationServiceFactory} so that
 * {@code OrganizationModel.OrganizationRemovedEvent}, which Keycloak has from 26.6 only, is named by a class that
 * an older Keycloak never loads (see {@code KeycloakCompat.ORGANIZATION_REMOVED_EVENT}).
 */
final class OrganizationRemovals {

    private OrganizationRemovals() {
    }

    static void forgetClaims(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            KeycloakSession session = removed.getKeycloakSession();
            if (session.getContext().getRealm() != null) {
                session.getProvider(DomainVerificationService.class)
                        .forgetOrganization(session.getContext().getRealm().getId(), removed.getOrganization().getId());
            }
        }
    }
}
