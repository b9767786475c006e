package io.github.jitprovisioning.sso.fetch;

import java.net.URI;

/**
 * The answer of {@link GuardedFetch#get}: either {@link Ok} with the document, or {@link Refused} with a stable code
 * and a message in plain words that a customer's IT admin understands.
 */
public sealed interface FetchResult permits FetchResult.Ok, FetchResult.Refused {

    /** Why a fetch was refused; {@link #wire()} is the value for the API's {@code error} field. */
    enum Code {
        /** The address (or a redirect) is not https and its host is not allow-listed, or a redirect left https. */
        NOT_HTTPS,
        /** The host resolves to (or the socket connected to) an address that is not public, host not allow-listed. */
        NOT_PUBLIC_ADDRESS,
        /** More redirects than the policy allows. */
        TOO_MANY_REDIRECTS,
        /** The document is larger than the policy allows. */
        TOO_LARGE,
        /** No connection or no complete answer within the policy's timeout. */
        TIMED_OUT,
        /** The name does not resolve, the connection failed, or TLS failed (e.g. an untrusted certificate). */
        UNREACHABLE,
        /** The server answered with a status that is not 2xx (and not a redirect that was followed). */
        HTTP_STATUS,
        /** Not a usable URL (no host, a user name or password in it, an unknown scheme, a bad redirect target). */
        BAD_URL;

        /** e.g. {@code not_public_address}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True for {@link Ok}. */
    boolean isOk();

    static Ok ok(byte[] body, URI finalUri, String contentType) {
        return new Ok(body, finalUri, contentType);
    }

    static Refused refused(Code code, String message) {
        return new Refused(code, message);
    }

    /**
     * A fetched document.
     *
     * @param body        the bytes (at most the policy's maxBytes)
     * @param finalUri    the address it came from, after redirects
     * @param contentType the Content-Type header, or null
     */
    record Ok(byte[] body, URI finalUri, String contentType) implements FetchResult {
        @Override
        public boolean isOk() {
            return true;
        }
    }

    /**
     * A refused fetch.
     *
     * @param code    why, stable
     * @param message in plain words, e.g. "The address metadata.example.com resolves to 10.0.0.5, a private network
     *                address; the server only fetches from public addresses."
     */
    record Refused(Code code, String message) implements FetchResult {
        @Override
        public boolean isOk() {
            return false;
        }
    }
}
