package io.github.jitprovisioning.core.domains;

import java.io.IOException;

/** Sends one DNS query and returns the decoded response; how (UDP, TCP, which server) is the adapter's business. */
public interface DnsTransport {

    /**
     * @throws IOException when no server answered in time or the answer was unusable (never for NXDOMAIN)
     */
    DnsMessage.Message query(String name, int type) throws IOException;
}
