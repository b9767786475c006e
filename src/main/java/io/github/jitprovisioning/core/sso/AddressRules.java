package io.github.jitprovisioning.core.sso;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which network addresses the server may fetch a customer's IdP documents from: public unicast addresses only.
 * Refused: loopback, unspecified, private (10/8, 172.16/12, 192.168/16), shared CGNAT (100.64/10), link-local
 * (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10), unique-local (fc00::/7 with
 * fd00:ec2::254), multicast, broadcast, the documentation and benchmark ranges, the other IANA special-purpose
 * ranges, and the IPv4-mapped, IPv4-compatible, 6to4 and NAT64 forms of all of these. IPv6 outside global unicast
 * (2000::/3) is refused, except the IPv4-mapped and NAT64 (64:ff9b::/96) forms of a public IPv4 address.
 */
public final class AddressRules {

    static final String PUBLIC = "a public address";

    /** IPv4 ranges that are not public, most specific first: {first octets as int, prefix length, words}. */
    private static final Object[][] IPV4 = {
        {v4(169, 254, 169, 254), 32, "the cloud metadata address"},
        {v4(255, 255, 255, 255), 32, "the broadcast address"},
        {v4(0, 0, 0, 0), 8, "an unspecified address (\"this network\")"},
        {v4(10, 0, 0, 0), 8, "a private network address"},
        {v4(100, 64, 0, 0), 10, "a shared (carrier-grade NAT) address"},
        {v4(127, 0, 0, 0), 8, "a loopback address (the server itself)"},
        {v4(169, 254, 0, 0), 16, "a link-local address"},
        {v4(172, 16, 0, 0), 12, "a private network address"},
        {v4(192, 0, 0, 0), 24, "a reserved protocol address"},
        {v4(192, 0, 2, 0), 24, "a documentation address"},
        {v4(192, 88, 99, 0), 24, "a reserved (6to4 relay) address"},
        {v4(192, 168, 0, 0), 16, "a private network address"},
        {v4(198, 18, 0, 0), 15, "a benchmarking address"},
        {v4(198, 51, 100, 0), 24, "a documentation address"},
        {v4(203, 0, 113, 0), 24, "a documentation address"},
        {v4(224, 0, 0, 0), 4, "a multicast address"},
        {v4(240, 0, 0, 0), 4, "a reserved address"},
    };

    private AddressRules() {
    }

    /** True when the server may connect to {@code address} for a customer (no allow-list involved). */
    public static boolean isPublic(InetAddress address) {
        return PUBLIC.equals(describe(address));
    }

    /**
     * What kind of address this is, in plain words for a customer's IT admin, e.g. {@code "a private network
     * address"}, {@code "the cloud metadata address"}, {@code "an IPv4-mapped form of 10.0.0.5, a private network
     * address"}; {@code "a public address"} when {@link #isPublic} is true.
     */
    public static String describe(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return describeV4(b);
        }
        return describeV6(b);
    }

    private static String describeV4(byte[] b) {
        int value = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        for (Object[] range : IPV4) {
            int first = (Integer) range[0];
            int prefix = (Integer) range[1];
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            if ((value & mask) == (first & mask)) {
                return (String) range[2];
            }
        }
        return PUBLIC;
    }

    private static String describeV6(byte[] b) {
        int w0 = word(b, 0);
        if (allZero(b, 0, 10) && word(b, 10) == 0xffff) {
            return embedded("an IPv4-mapped form of ", b, 12, true);
        }
        if (allZero(b, 0, 12)) {
            if (allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
                return b[15] == 0 ? "an unspecified address" : "a loopback address (the server itself)";
            }
            return embedded("an IPv4-compatible form of ", b, 12, false);
        }
        if (w0 == 0x0064 && word(b, 2) == 0xff9b) {
            if (allZero(b, 4, 12)) {
                return embedded("a NAT64 form of ", b, 12, true);
            }
            if (word(b, 4) == 0x0001) {
                return "a local-use NAT64 address";
            }
            return "a reserved address";
        }
        if ((w0 & 0xff00) == 0xff00) {
            return "a multicast address";
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return "a link-local address";
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return "a site-local address (deprecated, private)";
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            if (w0 == 0xfd00 && word(b, 2) == 0x0ec2 && allZero(b, 4, 14) && word(b, 14) == 0x0254) {
                return "the cloud metadata address";
            }
            return "a unique-local (private) address";
        }
        if ((w0 & 0xe000) != 0x2000) {
            return "a reserved address";
        }
        // global unicast 2000::/3 and its special-purpose ranges
        if (w0 == 0x2001 && (word(b, 2) & 0xfe00) == 0) {
            return "a reserved protocol address (Teredo, benchmarking or another IETF assignment)";
        }
        if (w0 == 0x2001 && word(b, 2) == 0x0db8) {
            return "a documentation address";
        }
        if (w0 == 0x3fff && (word(b, 2) & 0xf000) == 0) {
            return "a documentation address";
        }
        if (w0 == 0x2002) {
            return embedded("a 6to4 form of ", b, 2, true);
        }
        return PUBLIC;
    }

    /**
     * The words for an IPv6 address that carries an IPv4 address at {@code offset}: the embedded address's words;
     * public only if the embedded address is public and the form is one that is still routed.
     */
    private static String embedded(String form, byte[] b, int offset, boolean routedForm) {
        byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
        String inner = describeV4(v4);
        if (PUBLIC.equals(inner)) {
            return routedForm ? PUBLIC : "a deprecated IPv4-compatible address";
        }
        return form + text(v4) + ", " + inner;
    }

    private static String text(byte[] v4) {
        try {
            return Inet4Address.getByAddress(v4).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int word(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int v4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
}
