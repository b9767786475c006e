package io.github.jitprovisioning.core.sso;

import java.time.Duration;
import java.util.Set;

/**
 * The limits of one fetch of a customer's IdP document.
 *
 * @param allowHosts   lower-cased host names (or IP literals) that may be fetched over plain http and on non-public
 *                     addresses; empty by default (tests and the demo use it)
 * @param maxBytes     the most bytes of a document that are read ({@value #DEFAULT_MAX_BYTES}, 1 MiB)
 * @param timeout      connect and whole-read deadline of one fetch, redirects included (5 s)
 * @param maxRedirects how many redirects are followed, each checked again ({@value #DEFAULT_MAX_REDIRECTS})
 */
public record FetchPolicy(Set<String> allowHosts, long maxBytes, Duration timeout, int maxRedirects) {

    /** The realm option that holds the allow-list: a comma-separated list of host names. */
    public static final String ALLOW_HOSTS_OPTION = "jit.portal-sso-fetch-allow-hosts";
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024L;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_REDIRECTS = 3;
    /** No allow-listed host, 1 MiB, 5 s, 3 redirects. */
    public static final FetchPolicy DEFAULT =
            new FetchPolicy(Set.of(), DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, DEFAULT_MAX_REDIRECTS);

    public FetchPolicy {
        allowHosts = Set.copyOf(allowHosts);
    }

    /**
     * The default limits with the allow-list of a realm option value: host names separated by commas (blanks
     * around them ignored; null or blank: no host).
     *
     * @throws IllegalArgumentException with a message in plain words naming the entry that is not a host name
     */
    public static FetchPolicy parse(String allowHostsOption) {
        throw new UnsupportedOperationException("not yet");
    }

    /** True when {@code host} (any case, IPv6 literal with or without brackets) is on the allow-list. */
    public boolean allows(String host) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The same policy with another timeout (tests shorten it). */
    public FetchPolicy withTimeout(Duration newTimeout) {
        return new FetchPolicy(allowHosts, maxBytes, newTimeout, maxRedirects);
    }

    /** The same policy with another size limit. */
    public FetchPolicy withMaxBytes(long newMaxBytes) {
        return new FetchPolicy(allowHosts, newMaxBytes, timeout, maxRedirects);
    }
}
