package io.github.jitprovisioning.core.text;

import java.util.Optional;

/**
 * Keycloak's rule for whether an email domain belongs to an organization domain (as in Keycloak's
 * {@code Organizations.isSameDomain}): an exact domain matches only itself; a wildcard {@code *.example.com}
 * matches {@code example.com} and every sub-domain of it. Labels are compared whole, never as substrings:
 * {@code evilacme.com} is not under {@code *.acme.com}, and {@code ext.acme.com} is not {@code acme.com}.
 */
public final class DomainPattern {

    private static final String WILDCARD_PREFIX = "*.";

    private DomainPattern() {
    }

    /**
     * @param asciiDomain       an email domain, normally already {@link DomainName#normalize(String) normalized}
     *                          (it is normalized again, which is idempotent)
     * @param registeredPattern an organization domain as Keycloak stores it, exact or {@code *.}-prefixed
     * @return whether the domain belongs to the pattern; {@code false} when either does not normalize
     */
    public static boolean matches(String asciiDomain, String registeredPattern) {
        Optional<String> domain = DomainName.normalize(asciiDomain);
        Optional<String> pattern = DomainName.normalizePattern(registeredPattern);
        if (domain.isEmpty() || pattern.isEmpty()) {
            return false;
        }
        return matchesNormalized(domain.get(), pattern.get());
    }

    private static boolean matchesNormalized(String domain, String pattern) {
        if (pattern.startsWith(WILDCARD_PREFIX)) {
            String base = pattern.substring(WILDCARD_PREFIX.length());
            return domain.equals(base) || domain.endsWith("." + base);
        }
        return domain.equals(pattern);
    }
}
