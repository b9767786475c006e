package io.github.jitprovisioning.core.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random addresses in and around the refused ranges, and their IPv6 forms. */
class AddressRulesProperties {

    /** {first address, prefix length} of every IPv4 range that is not public. */
    static final int[][] REFUSED_V4 = {
        {v4(0, 0, 0, 0), 8}, {v4(10, 0, 0, 0), 8}, {v4(100, 64, 0, 0), 10}, {v4(127, 0, 0, 0), 8},
        {v4(169, 254, 0, 0), 16}, {v4(172, 16, 0, 0), 12}, {v4(192, 0, 0, 0), 24}, {v4(192, 0, 2, 0), 24},
        {v4(192, 88, 99, 0), 24}, {v4(192, 168, 0, 0), 16}, {v4(198, 18, 0, 0), 15}, {v4(198, 51, 100, 0), 24},
        {v4(203, 0, 113, 0), 24}, {v4(224, 0, 0, 0), 4}, {v4(240, 0, 0, 0), 4},
    };

    static int v4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    static boolean inRefusedRange(int value) {
        for (int[] range : REFUSED_V4) {
            int mask = -1 << (32 - range[1]);
            if ((value & mask) == (range[0] & mask)) {
                return true;
            }
        }
        return false;
    }

    static byte[] bytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The IPv6 address of 16 bytes with {@code v4} at {@code offset} after {@code prefix}. */
    static InetAddress v6(byte[] prefix, byte[] v4, int offset) {
        byte[] raw = new byte[16];
        System.arraycopy(prefix, 0, raw, 0, prefix.length);
        System.arraycopy(v4, 0, raw, offset, 4);
        try {
            return Inet6Address.getByAddress(null, raw, null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    static final byte[] COMPATIBLE = {};
    static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b};
    static final byte[] SIX_TO_FOUR = {0x20, 0x02};

    @Provide
    Arbitrary<Integer> refusedV4() {
        return Arbitraries.integers().between(0, REFUSED_V4.length - 1).flatMap(i -> {
            int first = REFUSED_V4[i][0];
            int size = 1 << (32 - REFUSED_V4[i][1]);
            return Arbitraries.integers().between(0, size - 1).map(offset -> first + offset);
        }).edgeCases(config -> config.includeOnly());
    }

    @Provide
    Arbitrary<Integer> anyV4() {
        return Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<byte[]> anyV6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16);
    }

    @Property(tries = 1000)
    void everyAddressInARefusedRangeIsRefusedInEveryForm(@ForAll("refusedV4") int value) {
        byte[] v4 = bytes(value);
        String inner = AddressRules.describe(address(v4));
        assertThat(AddressRules.isPublic(address(v4))).isFalse();
        assertThat(inner).isNotEqualTo("a public address");
        for (InetAddress form : new InetAddress[] {v6(MAPPED, v4, 12), v6(COMPATIBLE, v4, 12), v6(NAT64, v4, 12),
                v6(SIX_TO_FOUR, v4, 2)}) {
            assertThat(AddressRules.isPublic(form)).as(form.getHostAddress()).isFalse();
        }
        assertThat(AddressRules.describe(v6(NAT64, v4, 12))).endsWith(inner);
        assertThat(AddressRules.describe(v6(SIX_TO_FOUR, v4, 2))).endsWith(inner);
    }

    @Property(tries = 1000)
    void anIpv4AddressIsPublicExactlyWhenItIsInNoRefusedRange(@ForAll("anyV4") int value) {
        byte[] v4 = bytes(value);
        boolean expected = !inRefusedRange(value);
        assertThat(AddressRules.isPublic(address(v4))).as(address(v4).getHostAddress()).isEqualTo(expected);
        assertThat(AddressRules.isPublic(v6(MAPPED, v4, 12))).isEqualTo(expected);
        assertThat(AddressRules.isPublic(v6(NAT64, v4, 12))).isEqualTo(expected);
        assertThat(AddressRules.isPublic(v6(SIX_TO_FOUR, v4, 2))).isEqualTo(expected);
        assertThat(AddressRules.isPublic(v6(COMPATIBLE, v4, 12))).isFalse();
    }

    /** The JDK's own classification is an independent oracle: nothing it calls local or multicast is public. */
    @Property(tries = 1000)
    void nothingTheJdkCallsLocalOrMulticastIsPublic(@ForAll("anyV6") byte[] raw) {
        InetAddress a = address(raw);
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            assertThat(AddressRules.isPublic(a)).as(a.getHostAddress()).isFalse();
        }
        // public IPv6 is global unicast 2000::/3 or an IPv4 form
        if (AddressRules.isPublic(a) && a instanceof Inet6Address) {
            int w0 = ((raw[0] & 0xff) << 8) | (raw[1] & 0xff);
            assertThat((w0 & 0xe000) == 0x2000 || w0 == 0x0064).as(a.getHostAddress()).isTrue();
        }
    }

    @Property(tries = 1000)
    void uniqueLocalLinkLocalAndMulticastIpv6AreRefused(@ForAll("anyV6") byte[] raw, @ForAll("kinds") int kind) {
        switch (kind) {
            case 0 -> { raw[0] = (byte) (0xfc | (raw[0] & 1)); } // fc00::/7
            case 1 -> { raw[0] = (byte) 0xfe; raw[1] = (byte) (0x80 | (raw[1] & 0x3f)); } // fe80::/10
            case 2 -> raw[0] = (byte) 0xff; // ff00::/8
            default -> { raw[0] = 0x20; raw[1] = 0x01; raw[2] = 0x0d; raw[3] = (byte) 0xb8; } // 2001:db8::/32
        }
        assertThat(AddressRules.isPublic(address(raw))).as(address(raw).getHostAddress()).isFalse();
    }

    @Provide
    Arbitrary<Integer> kinds() {
        return Arbitraries.integers().between(0, 3);
    }
}
