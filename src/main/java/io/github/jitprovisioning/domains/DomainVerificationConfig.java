package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.ClaimPolicy;
import org.jboss.logging.Logger;
import org.keycloak.Config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SPI options of {@code --spi-jit-domain-verification--default--<option>}, read once at startup (immutable).
 * Durations are in seconds, the DNS timeout in milliseconds.
 */
record DomainVerificationConfig(List<InetSocketAddress> dnsServers, Duration dnsTimeout, int dnsAttempts,
                                String recordPrefix, Duration checkInterval, int checkBatch, boolean backgroundChecks,
                                ClaimPolicy policy, boolean testClock, boolean dnsRandomizeCase,
                                int verifyNowConcurrency) {

    private static final Logger LOG = Logger.getLogger(DomainVerificationConfig.class);
    static final String DEFAULT_PREFIX = "_keycloak-challenge";

    static DomainVerificationConfig read(Config.Scope scope) {
        String servers = scope.get("dns-servers");
        List<InetSocketAddress> dns = servers == null || servers.isBlank() ? systemResolvers() : parseServers(servers);
        ClaimPolicy defaults = ClaimPolicy.DEFAULT;
        ClaimPolicy policy = new ClaimPolicy(defaults.pendingPeriod(), defaults.negativeSpan(),
                defaults.negativesToLose(),
                Duration.ofSeconds(scope.getLong("pending-interval", defaults.pendingInterval().toSeconds())),
                Duration.ofSeconds(scope.getLong("verified-interval", defaults.verifiedInterval().toSeconds())),
                defaults.manualCheckInterval());
        return new DomainVerificationConfig(dns,
                Duration.ofMillis(Math.max(100, scope.getLong("dns-timeout", 3000L))),
                Math.max(1, scope.getInt("dns-attempts", 2)),
                scope.get("record-prefix", DEFAULT_PREFIX),
                Duration.ofSeconds(Math.max(1, scope.getLong("check-interval", 60L))),
                Math.max(1, scope.getInt("check-batch", 200)),
                scope.getBoolean("background-checks", true),
                policy,
                scope.getBoolean("test-clock", false),
                scope.getBoolean("dns-randomize-case", true),
                Math.max(1, scope.getInt("verify-now-concurrency", 4)));
    }

    /** {@code host[:port]} separated by commas; IPv6 addresses in brackets ({@code [::1]:53}). */
    static List<InetSocketAddress> parseServers(String value) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String host = entry;
            int port = 53;
            if (entry.startsWith("[")) {
                int end = entry.indexOf(']');
                host = entry.substring(1, end);
                if (entry.length() > end + 2 && entry.charAt(end + 1) == ':') {
                    port = Integer.parseInt(entry.substring(end + 2));
                }
            } else if (entry.indexOf(':') > 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
                host = entry.substring(0, entry.indexOf(':'));
                port = Integer.parseInt(entry.substring(entry.indexOf(':') + 1));
            }
            out.add(new InetSocketAddress(host, port));
        }
        return out;
    }

    /** The {@code nameserver} lines of /etc/resolv.conf. */
    private static List<InetSocketAddress> systemResolvers() {
        Path resolv = Path.of("/etc/resolv.conf");
        List<InetSocketAddress> out = new ArrayList<>();
        try {
            if (Files.isReadable(resolv)) {
                for (String line : Files.readAllLines(resolv)) {
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length >= 2 && parts[0].equals("nameserver")) {
                        out.add(new InetSocketAddress(parts[1], 53));
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot read %s: %s", resolv, e.getMessage());
        }
        if (out.isEmpty()) {
            LOG.warn("JIT domain verification: no DNS server configured (dns-servers) and none in /etc/resolv.conf; "
                    + "every check will end in an error");
        }
        return out;
    }
}
