package io.github.jitprovisioning.core.domains;

import io.github.jitprovisioning.core.text.DomainName;

import java.util.Locale;
import java.util.Optional;

/**
 * A domain an organization asks to claim, checked before anything is stored: syntax as the domain part of an email
 * address (rule 3, {@link DomainName}), or a wildcard {@code *.acme.com}; not a public suffix; not a consumer mail
 * domain. A wildcard is verified through its base domain ({@code *.acme.com} through {@code acme.com}).
 *
 * @param domain     the normalized domain as it will be registered in Keycloak ({@code acme.com} or {@code *.acme.com})
 * @param baseDomain the domain whose DNS proves the claim ({@code acme.com} for both)
 */
public record DomainClaimRequest(String domain, String baseDomain) {

    private static final String WILDCARD = "*.";

    /** Why a claim is refused; {@link #code()} is the message key suffix and the REST error code. */
    public enum Refusal {
        INVALID_DOMAIN, PUBLIC_SUFFIX, CONSUMER_DOMAIN;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The outcome: a request, or the refusal. */
    public record Checked(DomainClaimRequest request, Refusal refusal) {
        public boolean accepted() {
            return request != null;
        }
    }

    public static Checked check(String raw, PublicSuffixList suffixes) {
        Optional<String> normalized = DomainName.normalizePattern(raw == null ? null : raw.strip());
        if (normalized.isEmpty()) {
            return new Checked(null, Refusal.INVALID_DOMAIN);
        }
        String domain = normalized.get();
        String base = domain.startsWith(WILDCARD) ? domain.substring(WILDCARD.length()) : domain;
        if (suffixes.isPublicSuffix(base)) {
            return new Checked(null, Refusal.PUBLIC_SUFFIX);
        }
        if (ConsumerMailDomains.contains(base)) {
            return new Checked(null, Refusal.CONSUMER_DOMAIN);
        }
        return new Checked(new DomainClaimRequest(domain, base), null);
    }

    /** The name of the TXT record: {@code <prefix>.<base domain>}. */
    public String recordName(String prefix) {
        return recordName(prefix, domain);
    }

    /** The TXT record name for a stored (normalized) claim domain. */
    public static String recordName(String prefix, String claimDomain) {
        String base = claimDomain.startsWith(WILDCARD) ? claimDomain.substring(WILDCARD.length()) : claimDomain;
        return prefix + "." + base;
    }
}
