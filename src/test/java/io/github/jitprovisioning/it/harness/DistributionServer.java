package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The unpacked Keycloak distribution ({@code keycloak.home}) run as a child process: the built JAR copied into
 * {@code providers/}, {@code kc.sh build} only when the JAR or the build options changed since the last build,
 * a fresh database on every start (a new dev-file H2 database, or a new PostgreSQL database dropped again at
 * {@link #close()}, see {@link ServerDatabase}), free ports, readiness from {@code /health/ready}. The build options
 * differ between the databases, so each database needs its own unpacked home or every switch rebuilds.
 */
public final class DistributionServer implements KeycloakServer {

    public static final String PROVIDER_FILE_NAME = "keycloak-jit-provisioning.jar";
    /** Test-only providers (system property {@code jit.it.extra-providers}), installed on the IT server only. */
    static final String TEST_PROVIDERS_FILE_NAME = "jit-test-providers.jar";
    /** 600 s by default (a bound: starts of 2 to 6 min seen under load); {@code -Djit.it.ready-timeout-seconds=N}. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("jit.it.ready-timeout-seconds", 600));
    /** 300 s by default; {@code -Djit.it.build-timeout-seconds=N} for a machine under heavy load. */
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(Long.getLong("jit.it.build-timeout-seconds", 300));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final Path workDir;
    private final Path logFile;
    private final Path consoleFile;
    private final int httpPort;
    private final int managementPort;
    private final AdminApi admin;
    private final Process process;
    private final PostgresDatabase postgres;
    /** Whether {@link #close()} drops {@link #postgres}: not when the database was given ({@link #startOn}). */
    private final boolean ownsPostgres;
    private volatile String startupReport;
    private boolean closed;

    private DistributionServer(Path home, Path workDir, int httpPort, int managementPort, Process process,
                               PostgresDatabase postgres, boolean ownsPostgres, String startupReport) {
        this.home = home;
        this.workDir = workDir;
        this.logFile = workDir.resolve("keycloak.log");
        this.consoleFile = workDir.resolve("kc-console.log");
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.process = process;
        this.postgres = postgres;
        this.ownsPostgres = ownsPostgres;
        this.startupReport = startupReport;
        this.admin = new AdminApi(baseUrl(), ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    /**
     * How to start: fixed ports (or {@code 0} for free ones), a folder of realm exports to import at start
     * (or {@code null}), and the database.
     */
    public record Launch(int httpPort, int managementPort, Path realmImports, ServerDatabase database,
                  List<String> extraOptions) {

        /** The test server: free ports, nothing imported, dev-file database. */
        static final Launch FOR_TESTS = new Launch(0, 0, null, ServerDatabase.DEV_FILE);

        Launch(int httpPort, int managementPort, Path realmImports) {
            this(httpPort, managementPort, realmImports, ServerDatabase.DEV_FILE);
        }

        Launch(int httpPort, int managementPort, Path realmImports, ServerDatabase database) {
            this(httpPort, managementPort, realmImports, database, List.of());
        }

        /**
         * The test server on {@code database}, with the test run's extra options: the domain verification's resolver
         * pointed at the {@link TestDnsServer} of this JVM.
         */
        public static Launch forTests(ServerDatabase database) {
            List<String> options = new ArrayList<>(TestDnsServer.serverOptions());
            // as behind a TLS-terminating proxy: the scheme from X-Forwarded-Proto (SetupLinkSessionIT); requests
            // without the header are plain http, as before
            options.add("--proxy-headers=xforwarded");
            return new Launch(0, 0, null, database, List.copyOf(options));
        }
    }

    /** Installs {@code jar} into {@code home}, builds if needed, starts on free ports and waits until ready. */
    public static DistributionServer start(Path home, Path jar, Path workDir) {
        return start(home, jar, workDir, Launch.FOR_TESTS);
    }

    /** Installs {@code jar} into {@code home}, builds if needed, starts as {@code launch} says and waits until ready. */
    public static DistributionServer start(Path home, Path jar, Path workDir, Launch launch) {
        try {
            return doStart(home, jar, workDir, launch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server of its own beside the test run's: {@code sharedHome} is installed and built exactly as for the test
     * server (so a server already running from it is not rebuilt under its feet), and the server runs from a home of
     * its own under {@code workDir} ({@link #separateHome}: own {@code bin/}, {@code conf/} and fresh {@code data/},
     * the shared build through symbolic links). For tests whose options must not reach the shared server.
     */
    static DistributionServer startApart(Path sharedHome, Path jar, Path workDir, Launch launch) {
        try {
            String built = prepare(sharedHome, jar, workDir, launch);
            return launch(separateHome(sharedHome, workDir.resolve("home")), workDir, launch, built, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DistributionServer doStart(Path home, Path jar, Path workDir, Launch launch) throws IOException {
        return launch(home, workDir, launch, prepare(home, jar, workDir, launch), null);
    }

    /**
     * Installs {@code jar} into {@code home}, builds if needed, and starts it as {@code launch} says on {@code database},
     * an existing PostgreSQL database that this server neither creates nor drops: servers started one after the other
     * on the same data (the upgrade test: an earlier release, then this one).
     */
    public static DistributionServer startOn(PostgresDatabase database, Path home, Path jar, Path workDir, Launch launch) {
        if (launch.database() != ServerDatabase.POSTGRES) {
            throw new IllegalArgumentException("an existing database is a PostgreSQL one: " + launch);
        }
        try {
            return launch(home, workDir, launch, prepare(home, jar, workDir, launch), database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs the JAR (and the test providers) into {@code home} and builds it if needed; returns what it did. */
    private static String prepare(Path home, Path jar, Path workDir, Launch launch) throws IOException {
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home + " (keycloak.home); run through Maven (pre-integration-test unpacks it)");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("extension JAR not found: " + jar + " (jit.jar); run `mvn verify`, not only the test classes");
        }
        Files.createDirectories(workDir);
        Path providers = Files.createDirectories(home.resolve("providers"));
        Path installed = providers.resolve(PROVIDER_FILE_NAME);
        // Keycloak refuses `start --optimized` when a provider file is newer than the last build,
        // so an unchanged JAR must not be copied again (that would only touch its mtime).
        if (!Files.isRegularFile(installed) || !sha256(Files.readAllBytes(installed)).equals(sha256(Files.readAllBytes(jar)))) {
            Files.copy(jar, installed, StandardCopyOption.REPLACE_EXISTING);
        }

        Path testProviders = providers.resolve(TEST_PROVIDERS_FILE_NAME);
        Path extra = testProvidersJar(launch);
        if (extra == null) {
            Files.deleteIfExists(testProviders);
        } else if (!Files.isRegularFile(testProviders)
                || !sha256(Files.readAllBytes(testProviders)).equals(sha256(Files.readAllBytes(extra)))) {
            Files.copy(extra, testProviders, StandardCopyOption.REPLACE_EXISTING);
        }

        long buildStart = System.nanoTime();
        List<String> buildOptions = launch.database().buildOptions();
        boolean built = buildIfChanged(home, jar, workDir, buildOptions);
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
        return built ? "kc.sh build " + buildMillis + " ms" : "kc.sh build skipped (JAR unchanged)";
    }

    /** Starts the built server of {@code home} as {@code launch} says and waits until it is ready. */
    private static DistributionServer launch(Path home, Path workDir, Launch launch, String built,
                                             PostgresDatabase existing) throws IOException {
        deleteRecursively(home.resolve("data")); // a fresh dev-file database (and no stale import) for every run
        int httpPort = launch.httpPort() > 0 ? launch.httpPort() : freePort();
        int managementPort = launch.managementPort() > 0 ? launch.managementPort() : freePort();
        while (managementPort == httpPort) {
            managementPort = freePort();
        }
        Path logFile = workDir.resolve("keycloak.log");
        Files.deleteIfExists(logFile);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--hostname-strict=false",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--log=console,file", "--log-file=" + logFile.toAbsolutePath()));
        if (launch.realmImports() != null) {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (Stream<Path> exports = Files.list(launch.realmImports())) {
                for (Path export : exports.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Files.copy(export, imports.resolve(export.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            command.add("--import-realm");
        }
        PostgresDatabase postgres = existing != null ? existing
                : launch.database() == ServerDatabase.POSTGRES ? PostgresDatabase.create() : null;
        if (postgres != null) {
            command.addAll(postgres.startOptions());
        }
        command.addAll(launch.extraOptions());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("kc-console.log").toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);

        long startNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            if (postgres != null && existing == null) {
                postgres.close();
            }
            throw e;
        }
        String report = built + ", database " + (postgres != null ? postgres.toString() : "dev-file (H2)");
        DistributionServer server = new DistributionServer(home, workDir, httpPort, managementPort, process, postgres,
                existing == null, report);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-it-stop"));
        try {
            server.awaitReady(startNanos);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
        server.startupReport = report + ", start to ready " + startMillis + " ms (http " + httpPort + ", management "
                + managementPort + ", test JVM pid " + ProcessHandle.current().pid() + ")";
        System.out.println("[keycloak-it] " + server.startupReport);
        return server;
    }

    /**
     * The JAR of test-only providers to install next to the extension: only for the test server (free ports, no realm
     * import, which the demo never is) and only where failsafe names one that exists.
     */
    private static Path testProvidersJar(Launch launch) {
        String property = System.getProperty("jit.it.extra-providers");
        if (launch.realmImports() != null || property == null || property.isBlank()) {
            return null;
        }
        Path jar = Path.of(property);
        return Files.isRegularFile(jar) ? jar : null;
    }

    /**
     * Copies {@code jar} into {@code home}'s {@code providers/} (only when it changed) and runs {@code kc.sh build}
     * with {@code buildOptions} unless nothing changed since the last build. Returns whether it built. For servers
     * started elsewhere from this home (the cluster nodes of {@link TwoNodeCluster}).
     */
    static boolean install(Path home, Path jar, Path workDir, List<String> buildOptions) throws IOException {
        Files.createDirectories(workDir);
        Path providers = Files.createDirectories(home.resolve("providers"));
        Path installed = providers.resolve(PROVIDER_FILE_NAME);
        // Keycloak refuses `start --optimized` when a provider file is newer than the last build,
        // so an unchanged JAR must not be copied again (that would only touch its mtime).
        if (!Files.isRegularFile(installed) || !sha256(Files.readAllBytes(installed)).equals(sha256(Files.readAllBytes(jar)))) {
            Files.copy(jar, installed, StandardCopyOption.REPLACE_EXISTING);
        }
        return buildIfChanged(home, jar, workDir, buildOptions);
    }

    /**
     * A home of its own (a cluster node's, or a server's beside the test server): its own bin/, conf/ (copies) and
     * data/ (empty), the shared home's lib/, providers/ and themes/ through symbolic links, so the build is shared and
     * the transaction logs (and a dev-file database) are not.
     */
    static Path separateHome(Path shared, Path home) throws IOException {
        deleteRecursively(home);
        Files.createDirectories(home);
        for (String dir : List.of("bin", "conf")) {
            try (Stream<Path> files = Files.walk(shared.resolve(dir))) {
                for (Path source : files.toList()) {
                    Path target = home.resolve(shared.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        for (String link : List.of("lib", "providers", "themes", "version.txt")) {
            if (Files.exists(shared.resolve(link))) {
                Files.createSymbolicLink(home.resolve(link), shared.resolve(link).toAbsolutePath());
            }
        }
        Files.createDirectories(home.resolve("data"));
        return home;
    }

    /** Runs {@code kc.sh build} unless the marker records the same JAR, options and build state. Returns whether it built. */
    private static boolean buildIfChanged(Path home, Path jar, Path workDir, List<String> buildOptions) throws IOException {
        Path marker = home.resolve(".jit-it-build");
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(buildFingerprint(home, jar, buildOptions))) {
            return false;
        }
        Files.deleteIfExists(marker);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        Path buildLog = workDir.resolve("kc-build.log");
        Process build = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(buildLog.toFile())
                .start();
        try {
            if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                destroyTree(build.toHandle());
                throw new IllegalStateException("kc.sh build took longer than " + BUILD_TIMEOUT + ":\n" + tail(buildLog, 60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(build.toHandle());
            throw new IllegalStateException("interrupted during kc.sh build", e);
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed (exit " + build.exitValue() + "):\n" + tail(buildLog, 60));
        }
        Files.writeString(marker, buildFingerprint(home, jar, buildOptions));
        return true;
    }

    /**
     * What a build depends on: SHA-256 of the JAR, the build options, and two timestamps Keycloak itself checks or
     * writes. {@code start --optimized} refuses to run when a provider file's mtime differs from the one recorded at
     * build time, so the installed JAR's mtime is part of the fingerprint; and if the distribution is unpacked again
     * over a built one, {@code lib/quarkus/quarkus-application.dat} gets the zip's timestamp back.
     */
    private static String buildFingerprint(Path home, Path jar, List<String> buildOptions) throws IOException {
        return "jar=" + sha256(Files.readAllBytes(jar))
                + "\noptions=" + String.join(" ", buildOptions)
                + "\ninstalled-jar-mtime=" + mtime(home.resolve("providers").resolve(PROVIDER_FILE_NAME))
                + "\ntest-providers-mtime=" + mtime(home.resolve("providers").resolve(TEST_PROVIDERS_FILE_NAME))
                + "\nquarkus-application.dat-mtime=" + mtime(home.resolve("lib/quarkus/quarkus-application.dat")) + "\n";
    }

    private static String mtime(Path file) throws IOException {
        return Files.isRegularFile(file) ? String.valueOf(Files.getLastModifiedTime(file).toMillis()) : "none";
    }

    private void awaitReady(long startNanos) {
        awaitReady(process, managementUrl(), startNanos, 250, "Keycloak", () -> logTail(80));
    }

    /**
     * Polls {@code /health/ready} on the management URL until it answers 200, for at most {@link #READY_TIMEOUT}
     * from {@code startNanos}; fails with the log tail when the process ends first or the time is up. Shared by
     * the single server and the nodes of {@link TwoNodeCluster}.
     */
    static void awaitReady(Process process, String managementUrl, long startNanos, long pollMillis, String what,
                           java.util.function.Supplier<String> logTail) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = startNanos + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + " before it was ready:\n"
                        + logTail.get());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // polling for readiness
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            pause(pollMillis);
        }
        throw new IllegalStateException(what + " not ready after " + READY_TIMEOUT + ":\n" + logTail.get());
    }

    /** Blocks until the server process ends (the demo runs until Ctrl-C). */
    public void awaitExit() throws InterruptedException {
        process.waitFor();
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    @Override
    public String backchannelBaseUrl() {
        return baseUrl();
    }

    /** The JDBC URL of the server's PostgreSQL database, if it runs on one (the IT database, dropped at the end). */
    public Optional<String> postgresJdbcUrl() {
        return Optional.ofNullable(postgres).map(PostgresDatabase::jdbcUrl);
    }

    @Override
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    @Override
    public String serverLog() {
        return readLog(logFile);
    }

    /** A server's log file as text; empty while the server has not written it yet. Shared with the cluster nodes. */
    static String readLog(Path logFile) {
        try {
            return Files.isRegularFile(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AdminApi admin() {
        return admin;
    }

    @Override
    public String hostReachingLocalPort(int port) {
        return "localhost";
    }

    @Override
    public String startupReport() {
        return startupReport;
    }

    /**
     * Stops kc.sh and its java child: SIGTERM to all, then SIGKILL to what is left after {@link #STOP_TIMEOUT}; then
     * drops the PostgreSQL database, if any and if this server created it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            destroyTree(process.toHandle());
        } finally {
            if (postgres != null && ownsPostgres) {
                postgres.close();
            }
        }
    }

    /**
     * CPU time (user + system) used so far by the server's processes (kc.sh and its JVM), from {@code /proc} (Linux,
     * 100 clock ticks a second); -1 where {@code /proc} is not readable. For the benchmark.
     */
    public long serverCpuNanos() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.toHandle().descendants().forEach(all::add);
        long ticks = 0;
        for (ProcessHandle handle : all) {
            try {
                String stat = Files.readString(Path.of("/proc/" + handle.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                if (handle.isAlive()) {
                    return -1;
                }
            }
        }
        return ticks * 10_000_000L;
    }

    /** The pid of the server's JVM, the java child of kc.sh. For the benchmarks. */
    public long javaPid() {
        return ServerJvm.javaChild(process.toHandle());
    }

    public static void destroyTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add); // collected before kc.sh exits and its children are re-parented
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle handle : all) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                pause(100);
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String logTail(int lines) {
        return "--- " + logFile + " ---\n" + tail(logFile, lines) + "\n--- " + consoleFile + " ---\n" + tail(consoleFile, lines);
    }

    public static String tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return "(no file)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Keycloak distribution " + home + " at " + baseUrl() + " (work dir " + workDir + ")";
    }
}
