package io.github.jitprovisioning.it.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.jitprovisioning.it.harness.DistributionServer;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.ServerDatabase;
import io.github.jitprovisioning.it.harness.ServerJvm;

/**
 * Goal 4 of the performance work: the server's heap after many first logins at many organizations, JIT against
 * stock ({@code ./mvnw -Pbenchmark-memory}); measured, never asserted.
 *
 * <p>Two fresh servers, one after the other, each on a fresh PostgreSQL database and set up alike (both arms of
 * {@link FirstLoginBenchmark#setUpArms}, the JAR installed in both), with the organizations seeded in bulk. On the
 * first server all first logins go through {@code stock-sso} (Keycloak's stock flow and its hardcoded role and group
 * mappers), on the second through {@code acme-sso} (the JIT flow, provisioned, with the profile-sync mapper). Each
 * login is a new identity of the IdP realm, signed in over HTTP by a few threads. Heap in use is read from the
 * metrics endpoint after two full GCs ({@code jcmd GC.run}), before the logins (after a warm-up) and after them.
 *
 * <p>Arguments: Keycloak home (built for PostgreSQL), extension JAR, work folder, organizations, logins, threads,
 * docs folder to write {@code memory.md} to.
 */
public final class MemoryBenchmark {

    private static final int WARM_UP = 100;

    record Sample(String arm, String idp, int organizations, int logins, int failed, double heapBeforeMiB,
                  double heapAfterMiB, double rssAfterMiB, double seconds) {
        double growthMiB() {
            return heapAfterMiB - heapBeforeMiB;
        }
    }

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int organizations = Integer.parseInt(args[3]);
        int logins = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        Path docs = Path.of(args[6]);
        FirstLoginBenchmark.requirePostgresAndPatience();
        List<Sample> samples = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("started " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + threads + " login threads");
        samples.add(run(home, jar, work.resolve("stock"), "stock + hardcoded mappers", "stock-sso", "stock.test",
                organizations, logins, threads, notes));
        samples.add(run(home, jar, work.resolve("jit"), "JIT (provisioned, profile sync)", "acme-sso", "acme.test",
                organizations, logins, threads, notes));
        notes.add("finished " + Instant.now() + "; load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        write(docs, work, samples, notes);
    }

    private static Sample run(Path home, Path jar, Path work, String arm, String idp, String domain, int organizations,
                              int logins, int threads, List<String> notes) throws Exception {
        try (DistributionServer server = DistributionServer.start(home, jar, work,
                DistributionServer.Launch.forTests(ServerDatabase.POSTGRES))) {
            Scenario scenario = Scenario.create(server, "mem");
            // the IdP realm's password hashing is not what is measured: make it cheap
            scenario.admin().put("/" + scenario.idpRealm(),
                    Map.of("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)"));
            FirstLoginBenchmark.setUpArms(scenario);
            String realmId = scenario.admin().get("/" + scenario.appRealm()).get("id").asText();
            OrganizationSeed seed = new OrganizationSeed(server.postgresJdbcUrl().orElseThrow(), realmId);
            seed.seed(0, Math.max(0, organizations - 2));
            scenario.admin().post("/" + scenario.appRealm() + "/clear-realm-cache", null);
            notes.add(arm + ": " + server.startupReport() + "; " + seed.tableSizes());

            signIn(scenario, idp, domain, "w", WARM_UP, threads, null);
            double before = heapAfterFullGc(server);
            long start = System.nanoTime();
            AtomicInteger failed = new AtomicInteger();
            signIn(scenario, idp, domain, "m", logins, threads, failed);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(10_000); // let the last requests' after-completion work settle
            double after = heapAfterFullGc(server);
            double rss = ServerJvm.rssMiB(server.javaPid());
            Sample sample = new Sample(arm, idp, organizations, logins, failed.get(), before, after, rss, seconds);
            System.out.println("[memory] " + sample);
            return sample;
        }
    }

    /** {@code count} new identities sign in for the first time through {@code idp}, on {@code threads} threads. */
    private static void signIn(Scenario scenario, String idp, String domain, String prefix, int count, int threads,
                               AtomicInteger failed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = prefix + "user" + i;
            futures.add(pool.submit(() -> {
                scenario.idpUser(user, user + "@" + domain, true, "Memory", "Bench");
                LoginResult login = scenario.login(idp, user);
                if (!login.loggedIn() || login.anyServerError()) {
                    if (failed == null) {
                        throw new IllegalStateException("warm-up login of " + user + " failed: " + login);
                    }
                    failed.incrementAndGet();
                }
                int n = done.incrementAndGet();
                if (n % 500 == 0) {
                    System.out.printf(Locale.ROOT, "[memory] %s: %,d of %,d first logins, %.1f a second%n", idp, n, count,
                            n / ((System.nanoTime() - start) / 1e9));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    private static double heapAfterFullGc(DistributionServer server) throws Exception {
        for (int i = 0; i < 2; i++) {
            ServerJvm.fullGc(server.javaPid());
        }
        return MetricsScrape.heapUsedBytes(MetricsScrape.page(server)) / (1024 * 1024);
    }

    private static void write(Path docs, Path work, List<Sample> samples, List<String> notes) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("| arm | organizations | first logins (failed) | heap before, MiB | heap after, MiB | growth, MiB | resident set after, MiB | logins a second |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Sample s : samples) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,d (%d) | %.1f | %.1f | %.1f | %.0f | %.1f |%n", s.arm(),
                    s.organizations(), s.logins(), s.failed(), s.heapBeforeMiB(), s.heapAfterMiB(), s.growthMiB(),
                    s.rssAfterMiB(), s.logins() / s.seconds()));
        }
        if (samples.size() == 2) {
            Sample stock = samples.get(0);
            Sample jit = samples.get(1);
            md.append(String.format(Locale.ROOT, "%nHeap after the logins, JIT / stock: **%.3f** (%+.1f MiB); growth during the logins, JIT - stock: %+.1f MiB.%n",
                    jit.heapAfterMiB() / stock.heapAfterMiB(), jit.heapAfterMiB() - stock.heapAfterMiB(),
                    jit.growthMiB() - stock.growthMiB()));
        }
        md.append("\nNotes of the run:\n\n");
        notes.forEach(line -> md.append("- ").append(line).append('\n'));
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("memory.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(Files.createDirectories(work).resolve("memory.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
    }
}
