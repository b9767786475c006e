package io.github.jitprovisioning.core.sso;

import java.net.InetAddress;

/**
 * Which network addresses the server may fetch a customer's IdP documents from: public unicast addresses only.
 * Refused: loopback, unspecified, private (10/8, 172.16/12, 192.168/16), shared CGNAT (100.64/10), link-local
 * (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10), unique-local (fc00::/7 with
 * fd00:ec2::254), multicast, broadcast, the documentation and benchmark ranges, the other IANA special-purpose
 * ranges, and the IPv4-mapped, IPv4-compatible, 6to4 and NAT64 forms of all of these. IPv6 outside global unicast
 * (2000::/3) is refused, except the IPv4-mapped and NAT64 (64:ff9b::/96) forms of a public IPv4 address.
 */
public final class AddressRules {

    private AddressRules() {
    }

    /** True when the server may connect to {@code address} for a customer (no allow-list involved). */
    public static boolean isPublic(InetAddress address) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * What kind of address this is, in plain words for a customer's IT admin, e.g. {@code "a private network
     * address"}, {@code "the cloud metadata address"}, {@code "an IPv4-mapped form of 10.0.0.5, a private network
     * address"}; {@code "a public address"} when {@link #isPublic} is true.
     */
    public static String describe(InetAddress address) {
        throw new UnsupportedOperationException("not yet");
    }
}
