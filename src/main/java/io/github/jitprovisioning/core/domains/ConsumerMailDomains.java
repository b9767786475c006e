package io.github.jitprovisioning.core.domains;

import java.util.Set;

/**
 * Mail domains where anybody can open a mailbox. An organization cannot own them (nor any name under them), so a
 * claim is refused even before DNS is asked. The list holds the large international and European providers; it is
 * not exhaustive, and the DNS proof would fail for the others anyway (nobody but the provider can publish there).
 */
public final class ConsumerMailDomains {

    static final Set<String> DOMAINS = Set.of(
            "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de",
            "live.com", "live.fr", "live.de", "msn.com", "outlook.fr", "outlook.de", "yahoo.com", "yahoo.co.uk",
            "yahoo.fr", "yahoo.de", "ymail.com", "rocketmail.com", "icloud.com", "me.com", "mac.com", "aol.com",
            "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de",
            "t-online.de", "freenet.de", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "yandex.ru",
            "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com",
            "tutanota.com", "tuta.io", "mail.com", "inbox.com");

    private ConsumerMailDomains() {
    }

    /** Whether {@code domain} (normalized) is a consumer mail domain or a name under one. */
    public static boolean contains(String domain) {
        for (String consumer : DOMAINS) {
            if (domain.equals(consumer) || domain.endsWith("." + consumer)) {
                return true;
            }
        }
        return false;
    }
}
