package io.github.jitprovisioning.it.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.jitprovisioning.it.harness.DistributionServer;
import io.github.jitprovisioning.it.harness.KeycloakServer;
import io.github.jitprovisioning.it.harness.ServerJvm;

/**
 * What the JAR adds to Keycloak's start-up time and idle memory ({@code ./mvnw -Pfootprint}); measured, never
 * asserted (the build machines are shared and noisy).
 *
 * <p>Two copies of the distribution, built alike ({@code --db=dev-file --health-enabled --metrics-enabled}), one
 * with the JAR in {@code providers/} and one without. Each copy is started once to create its database (not
 * measured), then both are started {@code rounds} times, alternating, on their existing database. Per start: time
 * from launching {@code kc.sh start --optimized} to {@code /health/ready} answering 200; Keycloak's own "started in"
 * time; and, 20 s after ready, heap used after a full GC ({@code jcmd GC.run}, then the metrics endpoint's
 * {@code jvm_memory_used_bytes{area="heap"}}) and the java process's resident set (VmRSS). Prints medians, min and
 * max per variant and writes them to {@code <work>/footprint.txt}.
 *
 * <p>Arguments: unpacked Keycloak home (copied, not changed), extension JAR, work folder, rounds.
 */
public final class FootprintBenchmark {

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final List<String> BUILD = List.of("--db=dev-file", "--health-enabled=true", "--metrics-enabled=true");

    private record Sample(long readyMillis, double startedInSeconds, double heapMiB, double rssMiB) {
    }

    private FootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int rounds = Integer.parseInt(args[3]);

        Path plain = copyHome(home, work.resolve("without-jar"));
        Path withJar = copyHome(home, work.resolve("with-jar"));
        build(plain, work.resolve("build-without.log"));
        Files.copy(jar, Files.createDirectories(withJar.resolve("providers")).resolve(DistributionServer.PROVIDER_FILE_NAME));
        build(withJar, work.resolve("build-with.log"));

        start(plain, work, "warm-up without"); // creates the database; not measured
        start(withJar, work, "warm-up with");
        List<Sample> without = new ArrayList<>();
        List<Sample> with = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean jarFirst = round % 2 == 1;
            if (jarFirst) {
                with.add(start(withJar, work, "with JAR, round " + (round + 1)));
                without.add(start(plain, work, "without JAR, round " + (round + 1)));
            } else {
                without.add(start(plain, work, "without JAR, round " + (round + 1)));
                with.add(start(withJar, work, "with JAR, round " + (round + 1)));
            }
        }
        List<String> report = new ArrayList<>();
        report.add("Keycloak " + home.getFileName() + ", " + rounds + " starts per variant (alternating), existing dev-file database, "
                + Runtime.getRuntime().availableProcessors() + " cores; load average at the end "
                + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        report.add(String.format(Locale.ROOT, "%-34s %22s %22s", "", "without JAR", "with JAR"));
        report.add(row("start to /health/ready (s)", without, with, s -> s.readyMillis() / 1000.0));
        report.add(row("Keycloak's \"started in\" (s)", without, with, Sample::startedInSeconds));
        report.add(row("heap after full GC, idle (MiB)", without, with, Sample::heapMiB));
        report.add(row("resident set, idle (MiB)", without, with, Sample::rssMiB));
        report.add("cells: median (min to max)");
        String text = String.join("\n", report) + "\n";
        Files.writeString(work.resolve("footprint.txt"), text, StandardCharsets.UTF_8);
        System.out.println(text);
    }

    private static String row(String label, List<Sample> without, List<Sample> with, java.util.function.ToDoubleFunction<Sample> metric) {
        return String.format(Locale.ROOT, "%-34s %22s %22s", label, stats(without, metric), stats(with, metric));
    }

    private static String stats(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> metric) {
        List<Double> values = new ArrayList<>(samples.stream().map(metric::applyAsDouble).toList());
        Collections.sort(values);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "%.1f (%.1f to %.1f)", median, values.get(0), values.get(n - 1));
    }

    private static Path copyHome(Path source, Path target) throws IOException {
        DistributionServer.deleteRecursively(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path relative = source.relativize(file);
                if (relative.startsWith("data") || relative.startsWith("providers") || relative.toString().equals(".jit-it-build")) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(target.resolve("providers"));
        return target;
    }

    private static void build(Path home, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD);
        Process build = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (build.waitFor() != 0) {
            throw new IllegalStateException("kc.sh build failed:\n" + DistributionServer.tail(log, 40));
        }
    }

    private static Sample start(Path home, Path work, String label) throws Exception {
        int http = DistributionServer.freePort();
        int management = DistributionServer.freePort();
        Path log = work.resolve("start.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--hostname-strict=false", "--http-port=" + http, "--http-management-port=" + management)
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USERNAME);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://localhost:" + management;
            while (!get(client, base + "/health/ready").startsWith("200")) {
                if (!process.isAlive() || System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException(label + ": not ready\n" + DistributionServer.tail(log, 40));
                }
                DistributionServer.pause(500);
            }
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            Matcher startedIn = STARTED_IN.matcher(Files.readString(log));
            double startedInSeconds = startedIn.find() ? Double.parseDouble(startedIn.group(1)) : Double.NaN;
            Thread.sleep(20_000);
            long java = ServerJvm.javaChild(process.toHandle());
            ServerJvm.fullGc(java);
            Matcher heap = HEAP.matcher(get(client, base + "/metrics"));
            double heapBytes = 0;
            while (heap.find()) {
                heapBytes += Double.parseDouble(heap.group(1));
            }
            Sample sample = new Sample(readyMillis, startedInSeconds, heapBytes / 1024 / 1024, ServerJvm.rssMiB(java));
            System.out.println("[footprint] " + label + ": " + sample);
            return sample;
        } finally {
            DistributionServer.destroyTree(process.toHandle());
        }
    }

    private static String get(HttpClient client, String url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + "\n" + response.body();
        } catch (IOException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
