package io.github.jitprovisioning.sso.fetch;

import io.github.jitprovisioning.core.sso.FetchPolicy;
import java.net.URI;

/**
 * Fetches one customer's IdP document (discovery document, SAML metadata) on the server's side without becoming a
 * server-side request forgery: https only unless the host is allow-listed; the host's name is resolved once and
 * every address must be public (core.sso.AddressRules) unless the host is allow-listed; the socket is connected by
 * this class to the checked address, and the address it actually connected to is checked again before a byte is
 * sent (so DNS rebinding cannot pass); TLS keeps the host name for SNI and certificate checks and the request keeps
 * it in Host; redirects are followed here, at most the policy's number, each checked again (scheme, host, address;
 * never from https to http); the body is read up to maxBytes + 1 (more is too large) within one deadline for the
 * whole fetch. Only JDK classes. Logs the host and the refusal code, never a document.
 *
 * <p>Thread-safe; one instance may serve many fetches.
 */
public final class GuardedFetch {

    /** A fetch with the policy's limits and the JVM's default trust store. */
    public GuardedFetch(FetchPolicy policy) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * GET {@code uri} with the given Accept header.
     *
     * @param uri    absolute https URL (http only for an allow-listed host)
     * @param accept e.g. {@code application/json} or {@code application/samlmetadata+xml, application/xml}
     * @return {@link FetchResult.Ok} with the body, or {@link FetchResult.Refused}; never throws for a network
     *         problem
     */
    public FetchResult get(URI uri, String accept) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The policy this fetch applies. */
    public FetchPolicy policy() {
        throw new UnsupportedOperationException("not yet");
    }
}
