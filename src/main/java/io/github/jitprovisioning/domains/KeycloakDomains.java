package io.github.jitprovisioning.domains;

import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The organization domains as Keycloak stores them, changed only as the claims say. */
final class KeycloakDomains {

    private final OrganizationProvider organizations;

    KeycloakDomains(OrganizationProvider organizations) {
        this.organizations = organizations;
    }

    /** Another organization of the realm that registered {@code domain} (exact name), if any. */
    Optional<OrganizationModel> otherHolder(OrganizationModel org, String domain, String baseDomain) {
        OrganizationModel holder;
        try {
            holder = organizations.getByDomainName(baseDomain);
        } catch (ModelException e) {
            return Optional.empty();
        }
        if (holder == null || holder.getId().equals(org.getId()) || entry(holder, domain).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(holder);
    }

    static Optional<OrganizationDomainModel> entry(OrganizationModel org, String domain) {
        return org.getDomains().filter(d -> d.getName() != null && d.getName().equalsIgnoreCase(domain)).findFirst();
    }

    /** Adds (or marks) {@code domain} verified in Keycloak. Returns whether anything changed. */
    static boolean setVerified(OrganizationModel org, String domain, boolean verified) {
        Optional<OrganizationDomainModel> current = entry(org, domain);
        if (current.isPresent() && current.get().isVerified() == verified) {
            return false;
        }
        Set<OrganizationDomainModel> domains = org.getDomains()
                .filter(d -> !d.getName().equalsIgnoreCase(domain))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        domains.add(new OrganizationDomainModel(domain, verified));
        org.setDomains(domains);
        return true;
    }

    /** Marks a registered {@code domain} unverified; a domain that is not registered stays absent. */
    static boolean unverify(OrganizationModel org, String domain) {
        return entry(org, domain).isPresent() && setVerified(org, domain, false);
    }

    static boolean remove(OrganizationModel org, String domain) {
        if (entry(org, domain).isEmpty()) {
            return false;
        }
        org.setDomains(org.getDomains().filter(d -> !d.getName().equalsIgnoreCase(domain))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        return true;
    }
}
