package io.github.jitprovisioning.it;

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

/** Samples of the management port's Prometheus page: {@code jit_decisions_total}, and the heap in use. */
final class MetricsScrape {

    private static final Pattern SAMPLE = Pattern.compile("^jit_decisions_total\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private MetricsScrape() {
    }

    static String page(KeycloakServer server) {
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
    static double heapUsedBytes(String page) {
        return page.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The counter value for realm, outcome and reason; 0 when no such sample exists yet. */
    static double decisions(String page, String realm, String outcome, String reason) {
        Matcher sample = SAMPLE.matcher(page);
        double total = 0;
        while (sample.find()) {
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (realm.equals(labels.get("realm")) && outcome.equals(labels.get("outcome"))
                    && reason.equals(labels.get("reason"))) {
                total += Double.parseDouble(sample.group(2));
            }
        }
        return total;
    }
}
