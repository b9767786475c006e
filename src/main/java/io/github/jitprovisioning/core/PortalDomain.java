package io.github.jitprovisioning.core;

import java.util.Optional;
import java.util.Set;

/**
 * Whether an organization admin may add a domain: the syntax of rule 3's domain part (optionally {@code *.}), and
 * neither a public suffix nor a consumer mail domain. The lists are short on purpose: they hold what a customer
 * would plausibly type by mistake, not the whole public-suffix list.
 */
public final class PortalDomain {

    /** Why a domain is refused; the portal shows {@code jitPortalDomain.<code>}. */
    public enum Refusal {
        INVALID("invalid"), PUBLIC_SUFFIX("public_suffix"), CONSUMER("consumer");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The normalized domain, or why not. */
    public record Checked(String domain, Refusal refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    static final Set<String> PUBLIC_SUFFIXES = Set.of("co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au",
            "org.au", "co.nz", "co.jp", "ne.jp", "com.br", "com.cn", "com.mx", "co.za", "co.in", "com.tr",
            "github.io", "gitlab.io", "herokuapp.com", "azurewebsites.net", "cloudfront.net", "appspot.com",
            "blogspot.com", "netlify.app", "vercel.app", "pages.dev", "workers.dev", "web.app", "firebaseapp.com");
    static final Set<String> CONSUMER = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "live.com", "msn.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "mac.com",
            "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "freenet.de", "orange.fr", "free.fr",
            "laposte.net", "wanadoo.fr", "proton.me", "protonmail.com", "pm.me", "yandex.ru", "mail.ru", "qq.com",
            "163.com", "126.com", "zoho.com", "mail.com", "fastmail.com", "tutanota.com", "hey.com");

    private PortalDomain() {
    }

    public static Checked check(String raw) {
        Optional<String> normalized = raw == null ? Optional.empty() : DomainName.normalizePattern(raw.trim());
        if (normalized.isEmpty()) {
            return new Checked(null, Refusal.INVALID);
        }
        String domain = normalized.get();
        String base = domain.startsWith("*.") ? domain.substring(2) : domain;
        if (PUBLIC_SUFFIXES.contains(base) || base.indexOf('.') < 0) {
            return new Checked(domain, Refusal.PUBLIC_SUFFIX);
        }
        if (CONSUMER.contains(base)) {
            return new Checked(domain, Refusal.CONSUMER);
        }
        return new Checked(domain, null);
    }
}
