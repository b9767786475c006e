package io.github.jitprovisioning.it.benchmark;

import io.github.jitprovisioning.it.harness.DistributionServer;
import io.github.jitprovisioning.it.harness.PendingLogin;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.ServerDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the provisioning rate cap costs an ordinary first login (docs/performance.md, "Rate cap"): JIT first logins
 * into two organizations set up alike on one server on PostgreSQL, one with the cap on (a cap it never reaches) and
 * one with it off ({@code 0}), interleaved in blocks of 4 whose order alternates. Each sample is the server's part of
 * the login after the IdP (broker callback to the client redirect), as in {@link FirstLoginBenchmark}; the server's CPU
 * time is read around each block. Ratios are of medians (latency) and means (CPU per login) with bootstrap 95%
 * intervals. Never asserted: the machines are shared and noisy.
 *
 * <p>Arguments: Keycloak home (built for PostgreSQL), extension JAR, work folder, logins per arm, warm-up logins per arm.
 */
public final class RateCapBenchmark {

    private static final int BLOCK = 4;

    private RateCapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int logins = Integer.parseInt(args[3]);
        int warmUp = Integer.parseInt(args[4]);
        FirstLoginBenchmark.requirePostgresAndPatience();
        Files.createDirectories(work);
        try (DistributionServer server = DistributionServer.start(home, jar, work,
                DistributionServer.Launch.forTests(ServerDatabase.POSTGRES))) {
            Scenario scenario = Scenario.create(server, "ratecap");
            scenario.createRealmRole("employee");
            scenario.createRealmRole("staff");
            scenario.createGroup("/staff");
            organization(scenario, "capon", "100000");
            organization(scenario, "capoff", "0");
            int[] users = {0};
            String loadBefore = FirstLoginBenchmark.loadAverage();
            long started = System.nanoTime();
            for (int i = 0; i < warmUp; i++) {
                login(server, scenario, "capon", users);
                login(server, scenario, "capoff", users);
            }
            List<Double> onMillis = new ArrayList<>();
            List<Double> offMillis = new ArrayList<>();
            List<Double> onCpu = new ArrayList<>();
            List<Double> offCpu = new ArrayList<>();
            for (int block = 0; block < Math.max(2, logins / BLOCK); block++) {
                for (int turn = 0; turn < 2; turn++) {
                    boolean on = (turn == 0) == (block % 2 == 0);
                    long cpu0 = server.serverCpuNanos();
                    for (int i = 0; i < BLOCK; i++) {
                        (on ? onMillis : offMillis).add(login(server, scenario, on ? "capon" : "capoff", users));
                    }
                    (on ? onCpu : offCpu).add((server.serverCpuNanos() - cpu0) / 1e6 / BLOCK);
                }
            }
            double[] a = onMillis.stream().mapToDouble(Double::doubleValue).toArray();
            double[] b = offMillis.stream().mapToDouble(Double::doubleValue).toArray();
            double[] ca = onCpu.stream().mapToDouble(Double::doubleValue).toArray();
            double[] cb = offCpu.stream().mapToDouble(Double::doubleValue).toArray();
            FirstLoginBenchmark.Ci latency = FirstLoginBenchmark.ratio(a, b, FirstLoginBenchmark::median);
            FirstLoginBenchmark.Ci cpu = FirstLoginBenchmark.ratio(ca, cb, FirstLoginBenchmark::mean);
            String report = String.format(Locale.ROOT, "rate cap on vs off, first login, %d logins per arm after %d warm-up"
                            + " logins per arm: median %.1f ms vs %.1f ms, ratio %.3f (95%% CI %.3f to %.3f); server CPU per"
                            + " login %.1f ms vs %.1f ms, ratio %.3f (95%% CI %.3f to %.3f); latency quartiles on %.1f to"
                            + " %.1f ms, off %.1f to %.1f ms; %d logins in %.0f s, load average (1 min) %s before, %s after; %s",
                    a.length, warmUp, FirstLoginBenchmark.median(a), FirstLoginBenchmark.median(b), latency.estimate(),
                    latency.low(), latency.high(), FirstLoginBenchmark.mean(ca), FirstLoginBenchmark.mean(cb),
                    cpu.estimate(), cpu.low(), cpu.high(), quantile(a, 0.25), quantile(a, 0.75), quantile(b, 0.25),
                    quantile(b, 0.75), users[0], (System.nanoTime() - started) / 1e9, loadBefore,
                    FirstLoginBenchmark.loadAverage(), server.startupReport());
            System.out.println("[rate-cap-benchmark] " + report);
            Files.writeString(work.resolve("rate-cap-benchmark.txt"), report + "\n");
        }
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static void organization(Scenario scenario, String alias, String cap) {
        String id = scenario.organization(alias, List.of(alias + ".test"), Map.of("jit.default-roles", "employee,staff",
                "jit.groups", "/staff", "jit.rate-cap-per-hour", cap));
        scenario.verifyDomain(id, alias + ".test");
        scenario.oidcIdp(alias + "-sso", id, true);
    }

    private static double login(DistributionServer server, Scenario scenario, String alias, int[] users) {
        String name = "rc" + (++users[0]);
        scenario.idpUser(name, name + "@" + alias + ".test", true, "Rate", "Cap");
        PendingLogin.Timed timed = scenario.login().startUntilBrokerCallback(alias + "-sso", name).finishTimed();
        if (!timed.result().loggedIn() || timed.result().anyServerError()) {
            throw new IllegalStateException("unexpected end of the login of " + name + ": " + timed.result());
        }
        return timed.brokerSegment().toNanos() / 1e6;
    }
}
