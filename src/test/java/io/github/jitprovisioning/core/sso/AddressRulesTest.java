package io.github.jitprovisioning.core.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every special-purpose range, its edges, and its IPv6 forms: the addresses the server never fetches from. */
class AddressRulesTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0               | an unspecified address ("this network")
            0.255.255.255         | an unspecified address ("this network")
            10.0.0.0              | a private network address
            10.0.0.5              | a private network address
            10.255.255.255        | a private network address
            100.64.0.0            | a shared (carrier-grade NAT) address
            100.127.255.255       | a shared (carrier-grade NAT) address
            127.0.0.1             | a loopback address (the server itself)
            127.255.255.254       | a loopback address (the server itself)
            169.254.0.1           | a link-local address
            169.254.169.254       | the cloud metadata address
            169.254.255.255       | a link-local address
            172.16.0.0            | a private network address
            172.31.255.255        | a private network address
            192.0.0.8             | a reserved protocol address
            192.0.2.1             | a documentation address
            192.88.99.1           | a reserved (6to4 relay) address
            192.168.0.1           | a private network address
            192.168.255.255       | a private network address
            198.18.0.0            | a benchmarking address
            198.19.255.255        | a benchmarking address
            198.51.100.7          | a documentation address
            203.0.113.255         | a documentation address
            224.0.0.1             | a multicast address
            239.255.255.250       | a multicast address
            240.0.0.1             | a reserved address
            255.255.255.254       | a reserved address
            255.255.255.255       | the broadcast address
            ::                    | an unspecified address
            ::1                   | a loopback address (the server itself)
            ::ffff:10.0.0.5       | a private network address
            ::ffff:127.0.0.1      | a loopback address (the server itself)
            ::ffff:169.254.169.254| the cloud metadata address
            ::10.0.0.5            | an IPv4-compatible form of 10.0.0.5, a private network address
            ::127.0.0.1           | an IPv4-compatible form of 127.0.0.1, a loopback address (the server itself)
            ::169.254.169.254     | an IPv4-compatible form of 169.254.169.254, the cloud metadata address
            ::8.8.8.8             | a deprecated IPv4-compatible address
            64:ff9b::10.0.0.5     | a NAT64 form of 10.0.0.5, a private network address
            64:ff9b::7f00:1       | a NAT64 form of 127.0.0.1, a loopback address (the server itself)
            64:ff9b::a9fe:a9fe    | a NAT64 form of 169.254.169.254, the cloud metadata address
            64:ff9b:1::1.2.3.4    | a local-use NAT64 address
            64:ff9b:2::1          | a reserved address
            2002:a00:5::1         | a 6to4 form of 10.0.0.5, a private network address
            2002:7f00:1::         | a 6to4 form of 127.0.0.1, a loopback address (the server itself)
            2002:a9fe:a9fe::1     | a 6to4 form of 169.254.169.254, the cloud metadata address
            fe80::1               | a link-local address
            febf:ffff::1          | a link-local address
            fec0::1               | a site-local address (deprecated, private)
            fc00::1               | a unique-local (private) address
            fdff:ffff::1          | a unique-local (private) address
            fd00:ec2::254         | the cloud metadata address
            fd00:ec2::253         | a unique-local (private) address
            ff02::1               | a multicast address
            ff0e::1               | a multicast address
            100::1                | a reserved address
            1fff:ffff::1          | a reserved address
            4000::1               | a reserved address
            5f00::1               | a reserved address
            2001::1               | a reserved protocol address (Teredo, benchmarking or another IETF assignment)
            2001:2::1             | a reserved protocol address (Teredo, benchmarking or another IETF assignment)
            2001:1ff::1           | a reserved protocol address (Teredo, benchmarking or another IETF assignment)
            2001:db8::1           | a documentation address
            3fff::1               | a documentation address
            3fff:fff::1           | a documentation address
            """)
    void notPublic(String literal, String words) {
        InetAddress address = ip(literal.strip());
        assertThat(AddressRules.isPublic(address)).as(literal).isFalse();
        assertThat(AddressRules.describe(address)).isEqualTo(words.strip());
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource(textBlock = """
            1.1.1.1
            8.8.8.8
            9.255.255.255
            11.0.0.0
            100.63.255.255
            100.128.0.0
            126.255.255.255
            128.0.0.0
            169.253.255.255
            169.255.0.0
            172.15.255.255
            172.32.0.0
            192.0.1.0
            192.0.3.0
            192.88.98.255
            192.167.255.255
            192.169.0.0
            198.17.255.255
            198.20.0.0
            198.51.99.255
            198.51.101.0
            203.0.112.255
            203.0.114.0
            223.255.255.255
            ::ffff:8.8.8.8
            64:ff9b::8.8.8.8
            2002:808:808::1
            2001:200::1
            2001:db7:ffff::1
            2001:db9::1
            2606:4700:4700::1111
            2a00:1450:4001::1
            3ffe:ffff::1
            3fff:1000::1
            """)
    void isPublic(String literal) {
        InetAddress address = ip(literal.strip());
        assertThat(AddressRules.isPublic(address)).as(literal).isTrue();
        assertThat(AddressRules.describe(address)).isEqualTo("a public address");
    }
}
