package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two Keycloak nodes of one distribution on one fresh PostgreSQL database, with Keycloak's default distributed
 * Infinispan caches and node discovery through the database ({@code --cache-stack=jdbc-ping}), all on the loopback:
 *
 * <ul>
 * <li>one unpacked home ({@code keycloak.home}) gets the JAR and one {@code kc.sh build --db=postgres --cache=ispn
 * --cache-stack=jdbc-ping}; each node runs from a home of its own that shares {@code lib/}, {@code providers/} and
 * {@code themes/} with it through symbolic links but has its own {@code bin/}, {@code conf/} and {@code data/}
 * (Keycloak derives its home from the script's location and keeps transaction logs under {@code data/});</li>
 * <li>free ports for HTTP, management and JGroups (bind ports below 15535: the failure detector listens at +50000);</li>
 * <li>one public URL for both ({@code --hostname}), served by a {@link LoopbackBalancer}, so that issuer and broker
 * URLs are the same whichever node answers and a login can move between nodes;</li>
 * <li>node 1 starts first (it creates the schema), node 2 when node 1 is ready; ready = {@code /health/ready}.</li>
 * </ul>
 */
public final class TwoNodeCluster implements AutoCloseable {

    static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true", "--metrics-enabled=true",
            "--cache=ispn", "--cache-stack=jdbc-ping");

    private final PostgresDatabase database;
    private final LoopbackBalancer balancer;
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> nodeOptions;
    private final String report;
    private Path sharedHome;

    /** The JDBC URL of the cluster's database (tests that write what only time would make: an old last sign-in). */
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    private TwoNodeCluster(PostgresDatabase database, LoopbackBalancer balancer, List<String> nodeOptions, String report) {
        this.database = database;
        this.balancer = balancer;
        this.nodeOptions = List.copyOf(nodeOptions);
        this.report = report;
    }

    /**
     * Builds {@code home} with the JAR if needed, creates the database and starts node 1, then node 2, each with the
     * cluster's options and {@code nodeOptions} (runtime options both nodes get alike).
     */
    public static TwoNodeCluster start(Path home, Path jar, Path workDir, List<String> nodeOptions) {
        try {
            long buildStart = System.nanoTime();
            boolean built = DistributionServer.install(home, jar, workDir, BUILD_OPTIONS);
            long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
            PostgresDatabase database = PostgresDatabase.create();
            LoopbackBalancer balancer = null;
            TwoNodeCluster cluster = null;
            try {
                int publicPort = DistributionServer.freePort();
                int[] httpPorts = new int[2];
                balancer = LoopbackBalancer.start(publicPort, List.of(() -> httpPorts[0], () -> httpPorts[1]));
                cluster = new TwoNodeCluster(database, balancer, nodeOptions,
                        (built ? "kc.sh build " + buildMillis + " ms" : "kc.sh build skipped (JAR unchanged)") + ", " + database);
                cluster.sharedHome = home;
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "keycloak-cluster-stop"));
                for (int i = 1; i <= 2; i++) {
                    Node node = cluster.startNode(i, home, workDir.resolve("node" + i), "http://127.0.0.1:" + publicPort);
                    httpPorts[i - 1] = node.httpPort;
                }
                return cluster;
            } catch (RuntimeException | IOException e) {
                if (cluster != null) {
                    cluster.close();
                } else {
                    if (balancer != null) {
                        balancer.close();
                    }
                    database.close();
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Node startNode(int number, Path sharedHome, Path nodeDir, String publicUrl) throws IOException {
        Node node = startNode(number, sharedHome, nodeDir, publicUrl, 0, 0);
        nodes.add(node);
        return node;
    }

    /**
     * Starts a stopped (killed or closed) node again as a new process: its home made afresh ({@link
     * DistributionServer#separateHome}, a fresh {@code data/}), the same HTTP and management ports (the balancer and the
     * tests keep their addresses), the same database and options; waits until it is ready.
     *
     * @return the new process's node, which replaces the stopped one in {@link #node(int)}
     */
    public synchronized Node restart(int number) {
        Node old = node(number);
        if (old.alive()) {
            throw new IllegalStateException(old + " is still running");
        }
        try {
            Node node = startNode(number, sharedHome, old.dir, old.publicUrl, old.httpPort, old.managementPort);
            nodes.set(number - 1, node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Node startNode(int number, Path sharedHome, Path nodeDir, String publicUrl, int httpPort, int managementPort)
            throws IOException {
        Path home = DistributionServer.separateHome(sharedHome, nodeDir.resolve("home"));
        // new ports (0) are taken as late as possible: another process may take a free port before Keycloak binds it
        httpPort = httpPort > 0 ? httpPort : DistributionServer.freePort();
        while (managementPort <= 0 || managementPort == httpPort) {
            managementPort = DistributionServer.freePort();
        }
        int jgroupsPort = jgroupsPort();
        Path logFile = nodeDir.resolve("keycloak.log");
        Files.deleteIfExists(logFile);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort, "--hostname=" + publicUrl,
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort,
                "--log=console,file", "--log-file=" + logFile.toAbsolutePath(),
                // the broker's back-channel calls to the IdP realm go through the balancer to a node that may be
                // busy: Keycloak's default 5 s read timeout made HTTP 500s on a loaded 2-core machine
                "--spi-connections-http-client--default--socket-timeout-millis=60000"));
        command.addAll(database.startOptions());
        command.addAll(nodeOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(nodeDir.resolve("kc-console.log").toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USERNAME);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        long startNanos = System.nanoTime();
        Node node = new Node(this, number, nodeDir, httpPort, managementPort, publicUrl, builder.start());
        try {
            node.awaitReady(startNanos);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        node.startMillis = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.println("[keycloak-cluster] node " + number + " ready in " + node.startMillis + " ms (http " + httpPort
                + ", management " + managementPort + ", jgroups " + jgroupsPort + "), " + report);
        return node;
    }

    /** A free port below 15535 (JGroups' failure detector listens at the bind port + 50000). */
    private static int jgroupsPort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 7800 + (int) (Math.random() * 7000);
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), candidate));
                try (java.net.ServerSocket fd = new java.net.ServerSocket()) {
                    fd.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), candidate + 50000));
                    return candidate;
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free JGroups port below 15535");
    }

    public Node node(int number) {
        return nodes.get(number - 1);
    }

    public String publicUrl() {
        return "http://127.0.0.1:" + balancer.port();
    }

    public String report() {
        return report + ", node start to ready: " + nodes.stream().map(n -> n.number + ": " + n.startMillis + " ms").toList();
    }

    @Override
    public synchronized void close() {
        try {
            for (Node node : List.copyOf(nodes)) {
                node.close();
            }
        } finally {
            balancer.close();
            database.close();
        }
    }

    /** One node: a {@link KeycloakServer} whose base URL is the node's own port (its issuer is the public URL). */
    public static final class Node implements KeycloakServer {
        private final TwoNodeCluster cluster;
        private final int number;
        private final Path dir;
        private final int httpPort;
        private final int managementPort;
        private final String publicUrl;
        private final Process process;
        private final AdminApi admin;
        private long startMillis;
        private boolean stopped;

        private Node(TwoNodeCluster cluster, int number, Path dir, int httpPort, int managementPort, String publicUrl,
                     Process process) {
            this.cluster = cluster;
            this.number = number;
            this.dir = dir;
            this.httpPort = httpPort;
            this.managementPort = managementPort;
            this.publicUrl = publicUrl;
            this.process = process;
            this.admin = new AdminApi(baseUrl(), ADMIN_USERNAME, ADMIN_PASSWORD);
        }

        int number() {
            return number;
        }

        /** Rewrites a URL of the public address or of either node to this node. */
        public URI route(URI uri) {
            String authority = uri.getAuthority();
            boolean ours = authority != null && (publicUrl.endsWith("//" + authority)
                    || cluster.nodes.stream().anyMatch(n -> authority.equals("127.0.0.1:" + n.httpPort)
                    || authority.equals("localhost:" + n.httpPort)));
            return ours ? URI.create(uri.toString().replaceFirst("//" + java.util.regex.Pattern.quote(authority), "//127.0.0.1:" + httpPort)) : uri;
        }

        private void awaitReady(long startNanos) {
            DistributionServer.awaitReady(process, managementUrl(), startNanos, 1000, "node " + number,
                    () -> DistributionServer.tail(dir.resolve("kc-console.log"), 80));
        }

        /** Kills the node at once (SIGKILL to kc.sh and its java), as a crash or a pulled plug would. */
        public synchronized void kill() {
            List<ProcessHandle> all = new ArrayList<>();
            all.add(process.toHandle());
            process.toHandle().descendants().forEach(all::add);
            all.forEach(ProcessHandle::destroyForcibly);
            all.forEach(handle -> handle.onExit().join());
            stopped = true;
        }

        boolean alive() {
            return !stopped && process.isAlive();
        }

        @Override
        public String baseUrl() {
            return "http://127.0.0.1:" + httpPort;
        }

        /** The public URL: the broker's calls to the IdP realm go through the balancer, as they would in production. */
        @Override
        public String backchannelBaseUrl() {
            return publicUrl;
        }

        @Override
        public String managementUrl() {
            return "http://127.0.0.1:" + managementPort;
        }

        @Override
        public String serverLog() {
            return DistributionServer.readLog(dir.resolve("keycloak.log"));
        }

        @Override
        public AdminApi admin() {
            return admin;
        }

        @Override
        public String hostReachingLocalPort(int port) {
            return "127.0.0.1";
        }

        @Override
        public String startupReport() {
            return "node " + number + " ready in " + startMillis + " ms";
        }

        @Override
        public synchronized void close() {
            if (!stopped) {
                stopped = true;
                DistributionServer.destroyTree(process.toHandle());
            }
        }

        @Override
        public String toString() {
            return "node " + number + " at " + baseUrl();
        }
    }
}
