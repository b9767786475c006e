package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of the management port's Prometheus page: {@code jit_decisions_total}, {@code jit_domain_checks_total}, and the heap in use. */
public final class MetricsScrape {

    private static final Pattern DECISIONS = sample("jit_decisions_total");
    private static final Pattern DOMAIN_CHECKS = sample("jit_domain_checks_total");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private MetricsScrape() {
    }

    public static String page(KeycloakServer server) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.managementUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Bytes of heap in use: the sum of {@code jvm_memory_used_bytes} over the heap's pools. */
    public static double heapUsedBytes(String page) {
        return page.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The counter value for realm, outcome and reason; 0 when no such sample exists yet. */
    public static double decisions(String page, String realm, String outcome, String reason) {
        return sum(DECISIONS, page, Map.of("realm", realm, "outcome", outcome, "reason", reason));
    }

    /** The DNS checks of the realm's claimed domains by trigger ({@code background}, {@code manual}), all outcomes. */
    public static double domainChecks(String page, String realm, String trigger) {
        return sum(DOMAIN_CHECKS, page, Map.of("realm", realm, "trigger", trigger));
    }

    /** Refusals that report-only let through ({@code jit_report_only_let_through_total}) for realm and reason. */
    public static double letThrough(String page, String realm, String reason) {
        return sum(sample("jit_report_only_let_through_total"), page, Map.of("realm", realm, "reason", reason));
    }

    /** {@code jit_rate_limited_total} of the realm: logins refused by an organization's rate cap; 0 when absent. */
    public static double rateLimited(String page, String realm) {
        return sum(sample("jit_rate_limited_total"), page, Map.of("realm", realm));
    }

    /** The JIT decision timer's {@code _count} or {@code _sum} (seconds) for realm and outcome; 0 when absent. */
    public static double decisionTimer(String page, String series, String realm, String outcome) {
        return sum(sample("jit_decision_seconds_" + series), page, Map.of("realm", realm, "outcome", outcome));
    }

    private static Pattern sample(String metric) {
        return Pattern.compile("^" + metric + "\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
    }

    /** The sum of the samples whose labels include {@code wanted}. */
    private static double sum(Pattern metric, String page, Map<String, String> wanted) {
        Matcher sample = metric.matcher(page);
        double total = 0;
        while (sample.find()) {
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (labels.entrySet().containsAll(wanted.entrySet())) {
                total += Double.parseDouble(sample.group(2));
            }
        }
        return total;
    }
}
