package io.github.jitprovisioning.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DomainVerificationConfigTest {

    @Test
    void dnsServersAreHostsWithOptionalPorts() {
        assertThat(DomainVerificationConfig.parseServers("127.0.0.1:5353, 9.9.9.9 ,[::1]:5300,[2001:db8::1]"))
                .containsExactly(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("9.9.9.9", 53),
                        new InetSocketAddress("::1", 5300), new InetSocketAddress("2001:db8::1", 53));
        assertThat(DomainVerificationConfig.parseServers(" , ")).isEmpty();
    }
}
