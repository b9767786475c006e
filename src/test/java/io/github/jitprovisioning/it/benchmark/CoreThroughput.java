package io.github.jitprovisioning.it.benchmark;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the JMH benchmark of the pure core ({@link CoreBenchmark}) in this JVM (no fork: the Maven exec
 * classpath is not one a forked JVM could use), 3 warm-up and 5 measured iterations of one second each.
 */
final class CoreThroughput {

    private CoreThroughput() {
    }

    static List<String> run() throws Exception {
        Options options = new OptionsBuilder()
                .include("io.github.jitprovisioning.it.benchmark.CoreBenchmark")
                .forks(0)
                .threads(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<String> lines = new ArrayList<>();
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            String name = result.getParams().getBenchmark();
            lines.add(String.format(Locale.ROOT, "%s: %,.0f ops/s (99.9%% CI ± %,.0f)",
                    name.substring(name.lastIndexOf('.') + 1), primary.getScore(), primary.getScoreError()));
        }
        return lines;
    }
}
