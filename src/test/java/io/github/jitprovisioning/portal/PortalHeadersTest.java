package io.github.jitprovisioning.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalHeadersTest {

    @Test
    void thePortalsPolicyTakesTheRealmsFrameAncestors() {
        assertThat(PortalHeaders.policy("frame-src 'self'; frame-ancestors 'self'; object-src 'none';"))
                .isEqualTo(PortalHeaders.POLICY + "; frame-ancestors 'self'");
        assertThat(PortalHeaders.policy("Frame-Ancestors https://intranet.example 'self'"))
                .endsWith("; Frame-Ancestors https://intranet.example 'self'");
        assertThat(PortalHeaders.policy("object-src 'none'")).isEqualTo(PortalHeaders.POLICY);
        assertThat(PortalHeaders.policy(null)).isEqualTo(PortalHeaders.POLICY);
        assertThat(PortalHeaders.POLICY).contains("script-src 'self'").doesNotContain("unsafe");
    }
}
