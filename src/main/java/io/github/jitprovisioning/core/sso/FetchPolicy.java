package io.github.jitprovisioning.core.sso;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** A host name (LDH labels) or an IPv4 literal. */
    private static final Pattern HOST =
            Pattern.compile("(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    /** An IPv6 literal (checked loosely: hex digits, colons, dots). */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

    public FetchPolicy {
        allowHosts = Set.copyOf(allowHosts);
        if (maxBytes < 1 || maxRedirects < 0 || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxBytes and timeout must be positive, maxRedirects not negative");
        }
    }

    /**
     * The default limits with the allow-list of a realm option value: host names separated by commas (blanks
     * around them ignored; null or blank: no host).
     *
     * @throws IllegalArgumentException with a message in plain words naming the entry that is not a host name
     */
    public static FetchPolicy parse(String allowHostsOption) {
        if (allowHostsOption == null || allowHostsOption.isBlank()) {
            return DEFAULT;
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String entry : allowHostsOption.split(",", -1)) {
            String host = normalize(entry.strip());
            if (host.isEmpty()) {
                throw new IllegalArgumentException(ALLOW_HOSTS_OPTION + " has an empty entry (two commas in a row or a"
                        + " comma at an end); list host names separated by commas, e.g. idp.test, localhost");
            }
            if (!HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
                throw new IllegalArgumentException(ALLOW_HOSTS_OPTION + ": \"" + visible(entry.strip()) + "\" is not a"
                        + " host name; list host names (no scheme, port, path or wildcard) separated by commas, e.g."
                        + " idp.test, localhost");
            }
            hosts.add(host);
        }
        return new FetchPolicy(hosts, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, DEFAULT_MAX_REDIRECTS);
    }

    /** True when {@code host} (any case, IPv6 literal with or without brackets) is on the allow-list. */
    public boolean allows(String host) {
        return host != null && !allowHosts.isEmpty() && allowHosts.contains(normalize(host));
    }

    /** Lower case, brackets of an IPv6 literal and a trailing dot removed. */
    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static String visible(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
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
