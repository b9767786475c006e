package io.github.jitprovisioning.sso;

import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.core.sso.InvalidDocumentException;
import io.github.jitprovisioning.core.sso.OidcDiscovery;
import io.github.jitprovisioning.sso.fetch.FetchResult;
import io.github.jitprovisioning.sso.fetch.GuardedFetch;
import io.github.jitprovisioning.sso.fetch.JsonDocument;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Map;

/**
 * Fetches and validates an OpenID Provider's discovery document for the portal, through {@link GuardedFetch}: the
 * issuer or discovery URL the customer gave, its document, its issuer and endpoints checked by
 * {@link OidcDiscovery}. Every problem is an {@link SsoRefusal} (400) in plain words.
 */
public final class Discovery {

    private static final Logger LOG = Logger.getLogger(Discovery.class);

    private Discovery() {
    }

    public record Found(URI discoveryUrl, OidcDiscovery document) {
    }

    public static Found fetch(String issuerOrDiscoveryUrl, FetchPolicy policy) {
        try {
            URI url = OidcDiscovery.discoveryUrl(issuerOrDiscoveryUrl.trim());
            FetchResult result = new GuardedFetch(policy).get(url, "application/json");
            if (result instanceof FetchResult.Refused refused) {
                LOG.debugf("portal SSO: discovery at host %s refused: %s", url.getHost(), refused.code().wire());
                throw new SsoRefusal(400, refused.code().wire(), refused.message());
            }
            Map<String, Object> json = JsonDocument.parseObject(((FetchResult.Ok) result).body());
            return new Found(url, OidcDiscovery.from(json, OidcDiscovery.issuerOf(url), policy));
        } catch (InvalidDocumentException e) {
            throw new SsoRefusal(400, e.code(), e.getMessage());
        }
    }

    /** The realm's fetch policy: its allow-list option, else none (a malformed entry is reported and ignored). */
    public static FetchPolicy policy(String allowHostsOption, String realm) {
        try {
            return FetchPolicy.parse(allowHostsOption);
        } catch (IllegalArgumentException e) {
            LOG.warnf("realm '%s': %s %s; no host is allow-listed", realm, FetchPolicy.ALLOW_HOSTS_OPTION, e.getMessage());
            return FetchPolicy.DEFAULT;
        }
    }
}
