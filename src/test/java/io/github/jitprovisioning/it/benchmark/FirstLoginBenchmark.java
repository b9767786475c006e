package io.github.jitprovisioning.it.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import io.github.jitprovisioning.it.sync.ProfileSyncIT;
import io.github.jitprovisioning.it.harness.DistributionServer;
import io.github.jitprovisioning.it.harness.Json;
import io.github.jitprovisioning.it.harness.LoginResult;
import io.github.jitprovisioning.it.harness.MetricsScrape;
import io.github.jitprovisioning.it.harness.PendingLogin;
import io.github.jitprovisioning.it.harness.PostgresDatabase;
import io.github.jitprovisioning.it.harness.Scenario;
import io.github.jitprovisioning.it.harness.ServerDatabase;

/**
 * What JIT costs a brokered login, against Keycloak doing the same work its own way, on a real server on PostgreSQL
 * at growing numbers of organizations ({@code ./mvnw -Pbenchmark}); never asserted in a test, because the build
 * machines are shared and noisy.
 *
 * <p>Two identity providers of the same realm, one organization each: {@code acme-sso} with the JIT flow (and the
 * JIT profile-sync mapper, sync on), granting roles {@code employee} and {@code staff} and group {@code /staff};
 * {@code stock-sso} with Keycloak's stock first broker login flow and its hardcoded role and group mappers granting
 * the same. Each sample is the server's part of a login after the identity provider: from the broker callback to
 * the redirect to the client (IdP login page and password hashing excluded, token request excluded). The arms run
 * interleaved in blocks; the server's CPU time (kc.sh and its JVM, from /proc) is read around each block. Ratios are
 * of medians (latency) and of means (CPU per login), with bootstrap 95% confidence intervals.
 *
 * <p>Phases at each size: first login (JIT provisions vs stock creates + mappers + Keycloak's organization step);
 * returning login with nothing changed at the IdP (JIT sync vs stock, sync mode IMPORT); returning login with a
 * changed last name (JIT sync vs stock with sync mode FORCE); first login of an unregistered domain (JIT refuses;
 * each login a different domain, so the memory of unknown domains never helps). Organizations beyond the two are
 * seeded in bulk through SQL (organization, its group, two domains each) between sizes. At each seeded size, goal 3:
 * JIT first logins of an unknown and of a known domain in this realm against a second pair of realms of the same
 * server, set up alike, that keeps its 2 organizations, interleaved (the sizes run one after the other, so comparing
 * a size with an earlier one would mix in the machine's drift and the server's growing state).
 *
 * <p>Arguments: Keycloak home (built for PostgreSQL), extension JAR, work folder, sizes (e.g. {@code 1,10000,100000}),
 * logins per arm and phase, docs folder to write {@code benchmark.md} and {@code benchmark.png} to.
 */
public final class FirstLoginBenchmark {

    private static final int BLOCK = 4;
    private static final int RESAMPLES = 2000;
    private static final SplittableRandom RANDOM = new SplittableRandom(20261201L);

    private final DistributionServer server;
    private final Scenario scenario;
    /** A second pair of realms set up alike that keeps its 2 organizations: the baseline of goal 3. */
    private final Scenario small;
    private final String realmId;
    private final OrganizationSeed seed;
    private final List<Result> results = new ArrayList<>();
    private final List<Result> scalingResults = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int users;

    private FirstLoginBenchmark(DistributionServer server, Scenario scenario, Scenario small, String jdbcUrl) {
        this.server = server;
        this.scenario = scenario;
        this.small = small;
        this.realmId = scenario.admin().get("/" + scenario.appRealm()).get("id").asText();
        this.seed = new OrganizationSeed(jdbcUrl, realmId);
    }

    /** Samples of one arm of one phase: broker segment per login (ms) and server CPU per login per block (ms). */
    record Arm(String name, double[] millis, double[] cpuPerLogin) {
    }

    /** One comparison: arm a against arm b at one size. */
    record Result(int size, String phase, Arm a, Arm b, Ci latency, Ci cpu, Map<String, Double> decisionMillis) {
    }

    /** A point estimate and its bootstrap 95% interval. */
    record Ci(double estimate, double low, double high) {
        String format() {
            return String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", estimate, low, high);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int[] sizes = Arrays.stream(args[3].split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int logins = Integer.parseInt(args[4]);
        Path docs = Path.of(args[5]);
        requirePostgresAndPatience();
        Files.createDirectories(work);
        List<String> core = CoreThroughput.run();
        try (DistributionServer server = DistributionServer.start(home, jar, work, DistributionServer.Launch.forTests(ServerDatabase.POSTGRES))) {
            Scenario scenario = Scenario.create(server, "bench");
            Scenario small = Scenario.create(server, "small");
            FirstLoginBenchmark bench = new FirstLoginBenchmark(server, scenario, small, server.postgresJdbcUrl().orElseThrow());
            bench.notes.add("server: " + server.startupReport());
            bench.setUp();
            bench.warmUp(logins);
            int seeded = 0;
            for (int size : sizes) {
                try {
                    long start = System.nanoTime();
                    seeded = bench.seed(seeded, Math.max(0, size - 1));
                    bench.notes.add(String.format(Locale.ROOT, "%,d organizations: seeding took %.1f s; %s", size,
                            (System.nanoTime() - start) / 1e9, bench.tableSizes()));
                    long phases = System.nanoTime();
                    bench.runSize(size, logins);
                    bench.notes.add(String.format(Locale.ROOT, "%,d organizations: phases took %.0f s, %s, load average (1 min) %s", size,
                            (System.nanoTime() - phases) / 1e9, heap(server), loadAverage()));
                } catch (RuntimeException | SQLException e) {
                    // keep what was measured: the table of the sizes before says what it says
                    bench.notes.add(String.format(Locale.ROOT, "%,d organizations: stopped: %s", size, e));
                    e.printStackTrace();
                    bench.write(docs, work, core);
                    break;
                }
                bench.write(docs, work, core);
            }
            bench.notes.add("finished " + Instant.now());
            bench.write(docs, work, core);
        }
    }

    /**
     * The benchmarks run on PostgreSQL, and give a loaded machine 20 minutes to build and start the server. Call it
     * before {@link DistributionServer} loads (it reads the timeouts once).
     */
    static void requirePostgresAndPatience() {
        if (!PostgresDatabase.reachable()) {
            throw new IllegalStateException(PostgresDatabase.unreachableReason() + ": the benchmark runs on PostgreSQL");
        }
        for (String timeout : List.of("jit.it.ready-timeout-seconds", "jit.it.build-timeout-seconds")) {
            if (System.getProperty(timeout) == null) {
                System.setProperty(timeout, "1200");
            }
        }
    }

    // ---------------------------------------------------------------- set-up

    private void setUp() {
        setUpArms(scenario);
        setUpArms(small);
    }

    /**
     * The two arms in the app realm of {@code scenario}: {@code acme-sso} (JIT flow, profile-sync mapper, sync on;
     * roles {@code employee}, {@code staff}, group {@code /staff} from the organization) and {@code stock-sso}
     * (Keycloak's stock flow, the same grants through its hardcoded role and group mappers).
     */
    static void setUpArms(Scenario scenario) {
        scenario.createRealmRole("employee");
        scenario.createRealmRole("staff");
        scenario.createGroup("/staff");
        String acme = scenario.organization("acme", List.of("acme.test"), Map.of(
                "jit.default-roles", "employee,staff", "jit.groups", "/staff", "jit.sync-profile", "true",
                // thousands of first logins within the hour: the rate cap's own cost is measured apart (RateCapBenchmark)
                "jit.rate-cap-per-hour", "0"));
        scenario.verifyDomain(acme, "acme.test");
        String stock = scenario.organization("stockorg", List.of("stock.test"), Map.of());
        scenario.verifyDomain(stock, "stock.test");
        scenario.oidcIdp("acme-sso", acme, true);
        ProfileSyncIT.addSyncMapper(scenario, "acme-sso", "[]", false);
        scenario.oidcIdp("stock-sso", stock, true, Scenario.FirstLoginFlow.STOCK);
        hardcodedMapper(scenario, "stock-sso", "employee role", "oidc-hardcoded-role-idp-mapper", "role", "employee");
        hardcodedMapper(scenario, "stock-sso", "staff role", "oidc-hardcoded-role-idp-mapper", "role", "staff");
        hardcodedMapper(scenario, "stock-sso", "staff group", "oidc-hardcoded-group-idp-mapper", "group", "/staff");
    }

    private static void hardcodedMapper(Scenario scenario, String idp, String name, String type, String key, String value) {
        ObjectNode mapper = Json.object().put("name", name).put("identityProviderAlias", idp).put("identityProviderMapper", type);
        mapper.putObject("config").put("syncMode", "INHERIT").put(key, value);
        scenario.admin().post("/" + scenario.appRealm() + "/identity-provider/instances/" + idp + "/mappers", mapper);
    }

    private void setSyncMode(String idp, String mode) {
        String path = "/" + scenario.appRealm() + "/identity-provider/instances/" + idp;
        ObjectNode representation = (ObjectNode) scenario.admin().get(path);
        ((ObjectNode) representation.get("config")).put("syncMode", mode);
        scenario.admin().put(path, representation);
    }

    /**
     * Every path of every phase, at least 150 times per arm before the first size is measured: the sizes run in order,
     * so a short warm-up makes the first size look slower than the later ones.
     */
    private void warmUp(int logins) {
        int n = Math.max(logins, 150);
        List<String> jit = new ArrayList<>();
        List<String> stock = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String j = newUser("acme.test");
            first("acme-sso", j);
            jit.add(j);
            String s = newUser("stock.test");
            first("stock-sso", s);
            stock.add(s);
            first("acme-sso", newUser("warm" + i + ".unknown.test"));
        }
        for (int i = 0; i < n; i++) {
            first("acme-sso", jit.get(i));
            first("stock-sso", stock.get(i));
        }
        for (int i = 0; i < n / 2; i++) {
            first(small, "acme-sso", newUser(small, "acme.test"));
            first(small, "acme-sso", newUser(small, "warm" + i + ".unknown.test"));
        }
    }

    // ---------------------------------------------------------------- seeding

    /** Adds organizations {@code from} to {@code to - 1} (each with its group and two domains) through SQL. */
    private int seed(int from, int to) throws SQLException {
        int seeded = seed.seed(from, to);
        scenario.admin().post("/" + scenario.appRealm() + "/clear-realm-cache", null);
        return seeded;
    }

    private String tableSizes() throws SQLException {
        return seed.tableSizes();
    }

    private String explainUnknownDomain() throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection db = connect(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("EXPLAIN ANALYZE SELECT * FROM org_domain d JOIN org o ON o.id = d.org_id"
                     + " WHERE o.realm_id = '" + realmId + "' AND d.name IN ('x.nowhere.test', '*.nowhere.test', '*.test')")) {
            while (rs.next()) {
                plan.add(rs.getString(1).trim());
            }
        }
        return String.join(" | ", plan);
    }

    private Connection connect() throws SQLException {
        return seed.connect();
    }

    // ---------------------------------------------------------------- phases

    private void runSize(int size, int logins) throws SQLException {
        notes.add(String.format(Locale.ROOT, "%,d organizations: EXPLAIN ANALYZE of an unknown-domain lookup: %s", size, explainUnknownDomain()));
        int blocks = Math.max(2, logins / BLOCK);

        // first login: JIT provisions vs stock (flow + hardcoded mappers + Keycloak's organization step)
        List<String> jitUsers = new ArrayList<>();
        List<String> stockUsers = new ArrayList<>();
        String before = MetricsScrape.page(server);
        Arm[] first = interleave(blocks, "JIT", "stock + hardcoded mappers",
                () -> {
                    String u = newUser("acme.test");
                    jitUsers.add(u);
                    return () -> expect(first("acme-sso", u), true, u);
                },
                () -> {
                    String u = newUser("stock.test");
                    stockUsers.add(u);
                    return () -> expect(first("stock-sso", u), true, u);
                });
        Map<String, Double> firstDecision = decisionMillis(before, MetricsScrape.page(server), "provisioned");
        results.add(result(size, "first login", first, firstDecision));

        // returning, nothing changed at the IdP: JIT sync vs stock (IMPORT)
        int[] next = {0, 0};
        Arm[] unchanged = interleave(blocks, "JIT sync", "stock (IMPORT)",
                () -> {
                    String u = jitUsers.get(next[0]++ % jitUsers.size());
                    return () -> expect(first("acme-sso", u), true, u);
                },
                () -> {
                    String u = stockUsers.get(next[1]++ % stockUsers.size());
                    return () -> expect(first("stock-sso", u), true, u);
                });
        results.add(result(size, "returning, unchanged", unchanged, Map.of()));

        // returning with a changed last name: JIT sync vs Keycloak's FORCE sync of the same change
        setSyncMode("stock-sso", "FORCE");
        int[] changed = {0, 0};
        Arm[] change = interleave(blocks, "JIT sync", "stock (FORCE)",
                () -> {
                    String u = jitUsers.get(changed[0]++ % jitUsers.size());
                    scenario.updateIdpUser(u, u + "@acme.test", true, "Bench", "Changed" + changed[0]);
                    return () -> expect(first("acme-sso", u), true, u);
                },
                () -> {
                    String u = stockUsers.get(changed[1]++ % stockUsers.size());
                    scenario.updateIdpUser(u, u + "@stock.test", true, "Bench", "Changed" + changed[1]);
                    return () -> expect(first("stock-sso", u), true, u);
                });
        setSyncMode("stock-sso", "IMPORT");
        results.add(result(size, "returning, changed", change, Map.of()));

        // unregistered domain (a different one each login) vs a known domain, both JIT first logins
        before = MetricsScrape.page(server);
        Arm[] unknown = interleave(blocks, "JIT, unknown domain", "JIT, known domain",
                () -> {
                    String u = newUser("u" + users + ".nowhere" + size + ".test");
                    return () -> expect(first("acme-sso", u), false, u);
                },
                () -> {
                    String u = newUser("acme.test");
                    return () -> expect(first("acme-sso", u), true, u);
                });
        String after = MetricsScrape.page(server);
        Map<String, Double> decisions = new LinkedHashMap<>(decisionMillis(before, after, "blocked"));
        decisions.putAll(decisionMillis(before, after, "provisioned"));
        results.add(result(size, "unknown vs known domain", unknown, decisions));

        if (size > 1) {
            // goal 3: the same JIT first logins here and in the realm that kept its 2 organizations, interleaved, so
            // that the machine's drift and the server's growing state weigh on both alike
            scalingResults.add(scaled(size, blocks, "unknown domain", false));
            scalingResults.add(scaled(size, blocks, "known domain", true));
        }
    }

    /** JIT first logins of a known or an unknown domain: this realm (size organizations) against the small one. */
    private Result scaled(int size, int blocks, String what, boolean known) {
        String before = MetricsScrape.page(server);
        Arm[] arms = interleave(blocks, String.format(Locale.ROOT, "%,d organizations", size), "2 organizations",
                () -> {
                    String u = newUser(scenario, known ? "acme.test" : "u" + users + ".nowhere" + size + ".test");
                    return () -> expect(first(scenario, "acme-sso", u), known, u);
                },
                () -> {
                    String u = newUser(small, known ? "acme.test" : "u" + users + ".nowhere" + size + ".test");
                    return () -> expect(first(small, "acme-sso", u), known, u);
                });
        String after = MetricsScrape.page(server);
        String outcome = known ? "provisioned" : "blocked";
        Map<String, Double> decisions = new LinkedHashMap<>();
        decisionMillis(before, after, outcome, scenario.appRealm()).values().forEach(v -> decisions.put("here", v));
        decisionMillis(before, after, outcome, small.appRealm()).values().forEach(v -> decisions.put("2 organizations", v));
        return result(size, what, arms, decisions);
    }

    private interface Login {
        void run();
    }

    private interface Prepare {
        Login prepare();
    }

    /** Runs {@code blocks} blocks of {@link #BLOCK} logins per arm, alternating which arm goes first. */
    private Arm[] interleave(int blocks, String nameA, String nameB, Prepare a, Prepare b) {
        List<Double> millisA = new ArrayList<>();
        List<Double> millisB = new ArrayList<>();
        List<Double> cpuA = new ArrayList<>();
        List<Double> cpuB = new ArrayList<>();
        for (int block = 0; block < blocks; block++) {
            boolean aFirst = block % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean isA = (turn == 0) == aFirst;
                Prepare prepare = isA ? a : b;
                List<Login> logins = new ArrayList<>();
                for (int i = 0; i < BLOCK; i++) {
                    logins.add(prepare.prepare());
                }
                long cpu0 = server.serverCpuNanos();
                for (Login login : logins) {
                    login.run();
                    (isA ? millisA : millisB).add(lastSegmentMillis);
                }
                long cpu1 = server.serverCpuNanos();
                (isA ? cpuA : cpuB).add((cpu1 - cpu0) / 1e6 / BLOCK);
            }
        }
        return new Arm[] {new Arm(nameA, doubles(millisA), doubles(cpuA)), new Arm(nameB, doubles(millisB), doubles(cpuB))};
    }

    private double lastSegmentMillis;

    private LoginResult first(String idp, String user) {
        return first(scenario, idp, user);
    }

    private LoginResult first(Scenario realms, String idp, String user) {
        PendingLogin.Timed timed = realms.login().startUntilBrokerCallback(idp, user).finishTimed();
        lastSegmentMillis = timed.brokerSegment().toNanos() / 1e6;
        return timed.result();
    }

    private static void expect(LoginResult login, boolean loggedIn, String user) {
        if (login.anyServerError() || login.loggedIn() != loggedIn) {
            throw new IllegalStateException("unexpected end of the login of " + user + ": " + login);
        }
    }

    private String newUser(String domain) {
        return newUser(scenario, domain);
    }

    private String newUser(Scenario realms, String domain) {
        String name = "bench" + (++users); // Keycloak usernames have at least 3 characters
        realms.idpUser(name, name + "@" + domain, true, "Bench", "Mark");
        return name;
    }

    // ---------------------------------------------------------------- statistics

    private static Result result(int size, String phase, Arm[] arms, Map<String, Double> decisions) {
        Ci latency = ratio(arms[0].millis(), arms[1].millis(), FirstLoginBenchmark::median);
        Ci cpu = ratio(arms[0].cpuPerLogin(), arms[1].cpuPerLogin(), FirstLoginBenchmark::mean);
        return new Result(size, phase, arms[0], arms[1], latency, cpu, decisions);
    }

    /** statistic(a) / statistic(b) with a percentile bootstrap 95% interval (each arm resampled on its own). */
    static Ci ratio(double[] a, double[] b, ToDoubleFunction<double[]> statistic) {
        double estimate = statistic.applyAsDouble(a) / statistic.applyAsDouble(b);
        double[] ratios = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            ratios[r] = statistic.applyAsDouble(resample(a)) / statistic.applyAsDouble(resample(b));
        }
        Arrays.sort(ratios);
        return new Ci(estimate, ratios[(int) (0.025 * RESAMPLES)], ratios[(int) (0.975 * RESAMPLES) - 1]);
    }

    private static double[] resample(double[] values) {
        double[] copy = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[RANDOM.nextInt(values.length)];
        }
        return copy;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Mean decision time (ms) of the phase from the {@code jit_decision_seconds} timer of the app realm. */
    private Map<String, Double> decisionMillis(String before, String after, String outcome) {
        return decisionMillis(before, after, outcome, scenario.appRealm());
    }

    private static Map<String, Double> decisionMillis(String before, String after, String outcome, String realm) {
        double count = MetricsScrape.decisionTimer(after, "count", realm, outcome) - MetricsScrape.decisionTimer(before, "count", realm, outcome);
        double sum = MetricsScrape.decisionTimer(after, "sum", realm, outcome) - MetricsScrape.decisionTimer(before, "sum", realm, outcome);
        return count > 0 ? Map.of(outcome, sum / count * 1000) : Map.of();
    }

    /** The machine's 1-minute load average: other work on a shared machine widens the intervals. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String heap(DistributionServer server) {
        return String.format(Locale.ROOT, "server heap in use %.0f MiB",
                MetricsScrape.heapUsedBytes(MetricsScrape.page(server)) / (1024 * 1024));
    }

    // ---------------------------------------------------------------- report

    private void write(Path docs, Path work, List<String> core) throws Exception {
        Files.createDirectories(docs);
        StringBuilder md = new StringBuilder();
        md.append("| organizations | phase | arms (A / B) | n per arm | p50 A ms | p50 B ms | latency A/B (95% CI) | CPU ms/login A | CPU ms/login B | CPU A/B (95% CI) | JIT decision, mean ms |\n");
        md.append("|---:|---|---|---:|---:|---:|---|---:|---:|---|---|\n");
        for (Result r : results) {
            StringBuilder decisions = new StringBuilder();
            r.decisionMillis().forEach((k, v) -> decisions.append(decisions.length() == 0 ? "" : ", ")
                    .append(k).append(String.format(Locale.ROOT, " %.2f", v)));
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s / %s | %d | %.1f | %.1f | %s | %.1f | %.1f | %s | %s |%n",
                    r.size(), r.phase(), r.a().name(), r.b().name(), r.a().millis().length,
                    median(r.a().millis()), median(r.b().millis()), r.latency().format(),
                    mean(r.a().cpuPerLogin()), mean(r.b().cpuPerLogin()), r.cpu().format(),
                    decisions.length() == 0 ? "-" : decisions.toString()));
        }
        md.append('\n');
        md.append(scaling());
        md.append("\nPure core (JMH, in-process, one thread):\n\n");
        core.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\nNotes of the run:\n\n");
        notes.forEach(line -> md.append("- ").append(line).append('\n'));
        Files.writeString(docs.resolve("benchmark.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(work.resolve("benchmark.md"), md.toString(), StandardCharsets.UTF_8);
        BenchmarkPlot.write(docs.resolve("benchmark.png"), results);
        System.out.println(md);
    }

    /**
     * Goal 3: JIT first logins of an unknown and of a known domain in the realm with many organizations against the
     * realm that kept its 2, interleaved (latency and CPU with their intervals, and the decision timer of each realm).
     */
    private String scaling() {
        if (scalingResults.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("Goal 3, the same JIT first logins in this realm and in a realm of the same server that kept its 2 organizations, interleaved:\n\n"
                + "| organizations | first login | n per arm | p50 here ms | p50 at 2 orgs ms | latency ratio (95% CI) | CPU ratio (95% CI) | JIT decision, mean ms: here / at 2 orgs |\n"
                + "|---:|---|---:|---:|---:|---|---|---|\n");
        for (Result r : scalingResults) {
            Double here = r.decisionMillis().get("here");
            Double base = r.decisionMillis().get("2 organizations");
            md.append(String.format(Locale.ROOT, "| %,d | %s | %d | %.1f | %.1f | %s | %s | %s |%n", r.size(), r.phase(),
                    r.a().millis().length, median(r.a().millis()), median(r.b().millis()), r.latency().format(), r.cpu().format(),
                    here == null || base == null ? "-" : String.format(Locale.ROOT, "%.2f / %.2f = %.2f", here, base, here / base)));
        }
        return md.toString();
    }
}
