package io.github.jitprovisioning.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What JIT costs a first SSO login, measured on a real server ({@code ./mvnw -Pbenchmark}); never asserted in a
 * test, because the build machines are shared and noisy.
 *
 * <p>Each sample is one whole brokered first login as a browser walks it (IdP login page, IdP password check,
 * first broker login, token redemption): the JIT flow against Keycloak's stock flow on the same server, for
 * admitted and refused users, with few organizations and then with many (JIT looks the email domain up among
 * all organizations; a domain no organization owns is a database query every time). The server's heap after
 * each phase comes from its metrics endpoint.
 *
 * <p>Arguments: Keycloak home, extension JAR, work folder, logins per phase, organizations to add, and optionally
 * the database ({@code dev-file}, the default, or {@code postgres}: a fresh database on the PostgreSQL at
 * 127.0.0.1:5432, dropped at the end) and the Keycloak home to use for PostgreSQL (its build options differ).
 */
public final class FirstLoginBenchmark {

    private FirstLoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int logins = Integer.parseInt(args[3]);
        int organizations = Integer.parseInt(args[4]);
        ServerDatabase database = args.length > 5 ? ServerDatabase.parse(args[5], "benchmark.db") : ServerDatabase.DEV_FILE;
        if (database == ServerDatabase.POSTGRES) {
            if (args.length > 6) {
                home = Path.of(args[6]);
            }
            if (!PostgresDatabase.reachable()) {
                throw new IllegalStateException(PostgresDatabase.unreachableReason() + ": cannot run the benchmark on PostgreSQL");
            }
        }
        List<String> report = new ArrayList<>();
        try (DistributionServer server = DistributionServer.start(home, jar, work, DistributionServer.Launch.forTests(database))) {
            report.add("database: " + database.keycloakName() + "; " + server.startupReport());
            Scenario scenario = Scenario.create(server, "bench");
            String acme = scenario.organization("acme", List.of("acme.test"), Map.of());
            scenario.oidcIdp("stock-sso", null, true, Scenario.FirstLoginFlow.STOCK);
            scenario.oidcIdp("acme-sso", acme, true);

            phase(scenario, "warm-up (JIT, provisioned)", logins, i -> user(scenario, "warm" + i, "acme.test"), "acme-sso");
            report.add(header());
            report.add(phase(scenario, "stock flow, user created", logins, i -> user(scenario, "stock" + i, "stock.test"), "stock-sso"));
            report.add(phase(scenario, "JIT, provisioned", logins, i -> user(scenario, "jit" + i, "acme.test"), "acme-sso"));
            report.add(phase(scenario, "JIT, blocked (unknown domain)", logins, i -> user(scenario, "out" + i, "elsewhere.test"), "acme-sso"));
            report.add(heap(server, "heap after 1 organization"));

            long start = System.nanoTime();
            for (int i = 0; i < organizations; i++) {
                scenario.organization("org" + i, List.of("org" + i + ".test"), Map.of());
            }
            report.add(String.format(Locale.ROOT, "created %d organizations in %.1f s", organizations,
                    (System.nanoTime() - start) / 1e9));
            report.add(phase(scenario, "stock flow, user created, " + (organizations + 1) + " orgs", logins, i -> user(scenario, "stockmany" + i, "stock.test"), "stock-sso"));
            report.add(phase(scenario, "JIT, provisioned, " + (organizations + 1) + " orgs", logins, i -> user(scenario, "jitmany" + i, "acme.test"), "acme-sso"));
            report.add(phase(scenario, "JIT, blocked, " + (organizations + 1) + " orgs", logins, i -> user(scenario, "outmany" + i, "elsewhere.test"), "acme-sso"));
            report.add(heap(server, "heap after " + (organizations + 1) + " organizations"));
        }
        String text = String.join("\n", report) + "\n";
        System.out.println("\n" + text);
        Files.writeString(work.resolve(database == ServerDatabase.DEV_FILE ? "benchmark.txt" : "benchmark-" + database.keycloakName() + ".txt"),
                text, StandardCharsets.UTF_8);
    }

    private static String user(Scenario scenario, String name, String domain) {
        scenario.idpUser(name, name + "@" + domain, true, "Bench", "Mark");
        return name;
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-45s %6s %8s %8s %8s %8s", "phase (whole brokered first login)", "n",
                "p50 ms", "p90 ms", "p99 ms", "mean ms");
    }

    private static String phase(Scenario scenario, String name, int logins, IntFunction<String> newUser, String idp) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            users.add(newUser.apply(i));
        }
        List<Long> millis = new ArrayList<>();
        for (String user : users) {
            LoginResult login = scenario.login(idp, user);
            if (login.anyServerError()) {
                throw new IllegalStateException("server error during the benchmark: " + login);
            }
            millis.add(login.elapsed().toMillis());
        }
        Collections.sort(millis);
        double mean = millis.stream().mapToLong(Long::longValue).average().orElse(0);
        return String.format(Locale.ROOT, "%-45s %6d %8d %8d %8d %8.0f", name, millis.size(), percentile(millis, 50),
                percentile(millis, 90), percentile(millis, 99), mean);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String heap(DistributionServer server, String label) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.managementUrl() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        double used = response.body().lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
        return String.format(Locale.ROOT, "%s: %.0f MiB used", label, used / (1024 * 1024));
    }
}
