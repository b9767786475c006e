package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records the result of every integration test per Keycloak version, for the compatibility table. Active only
 * when system property {@code jit.it.compat.dir} names a directory (the failsafe executions {@code it-distribution}
 * and {@code it-compat-*} set it): at the end of a run it writes {@code results-<keycloak.version>.tsv} there (one
 * line per test: class, test, result, first line of the failure) and renders {@code compatibility.md} from all
 * result files present, so the last run of a build leaves the table of every version that ran. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class CompatibilityRecorder implements TestExecutionListener {

    private static final String DIR_PROPERTY = "jit.it.compat.dir";
    private static final String RESULT_PREFIX = "results-";

    private final Map<String, String[]> results = new LinkedHashMap<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record(test, "skipped", reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            // a class that fails as a whole (e.g. its server did not start) has no test results of its own
            if (result.getStatus() == TestExecutionResult.Status.FAILED
                    && test.getSource().orElse(null) instanceof ClassSource source) {
                String className = source.getClassName().substring(source.getClassName().lastIndexOf('.') + 1);
                results.put(className + "\t(class)", new String[] {className, "(class)", "failed",
                        result.getThrowable().map(CompatibilityRecorder::firstLine).orElse("")});
            }
            return;
        }
        String status = switch (result.getStatus()) {
            case SUCCESSFUL -> "passed";
            case ABORTED -> "skipped";
            case FAILED -> "failed";
        };
        String detail = result.getThrowable().map(CompatibilityRecorder::firstLine).orElse("");
        record(test, status, detail);
    }

    private void record(TestIdentifier test, String status, String detail) {
        if (!(test.getSource().orElse(null) instanceof MethodSource method)) {
            return;
        }
        String className = method.getClassName().substring(method.getClassName().lastIndexOf('.') + 1);
        String name = method.getMethodName();
        String display = test.getDisplayName();
        if (!display.startsWith(name + "(")) { // parameterized and repeated tests: which invocation
            name = name + " [" + display + "]";
        }
        results.put(className + "\t" + name, new String[] {className, name, status, detail});
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        String dir = System.getProperty(DIR_PROPERTY);
        String version = System.getProperty("keycloak.version");
        if (dir == null || dir.isBlank() || version == null || results.isEmpty()) {
            return;
        }
        try {
            Path directory = Files.createDirectories(Path.of(dir));
            List<String> lines = new ArrayList<>();
            for (String[] row : results.values()) {
                lines.add(String.join("\t", row[0], row[1], row[2], row[3].replace('\t', ' ')));
            }
            Files.write(directory.resolve(RESULT_PREFIX + version + ".tsv"), lines, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("compatibility.md"), render(directory), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table of all versions with a result file in {@code directory}: one row per test class, then the failures. */
    static String render(Path directory) throws IOException {
        Map<String, Map<String, List<String[]>>> byVersion = new TreeMap<>(CompatibilityRecorder::compareVersions);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(RESULT_PREFIX)).toList()) {
                String name = file.getFileName().toString();
                String version = name.substring(RESULT_PREFIX.length(), name.length() - ".tsv".length());
                Map<String, List<String[]>> classes = new TreeMap<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] row = line.split("\t", -1);
                    classes.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
                }
                byVersion.put(version, classes);
            }
        }
        TreeSet<String> classNames = new TreeSet<>();
        byVersion.values().forEach(classes -> classNames.addAll(classes.keySet()));
        StringBuilder out = new StringBuilder();
        out.append("Integration tests per Keycloak distribution, generated by CompatibilityRecorder on ")
                .append(LocalDate.now(ZoneOffset.UTC)).append(" (UTC). Cells: passed/run (skipped, failed).\n\n");
        out.append("| Test class |");
        byVersion.keySet().forEach(v -> out.append(' ').append(v).append(" |"));
        out.append("\n|---|");
        byVersion.keySet().forEach(v -> out.append("---|"));
        out.append('\n');
        for (String className : classNames) {
            out.append("| ").append(className).append(" |");
            for (Map<String, List<String[]>> classes : byVersion.values()) {
                List<String[]> rows = classes.get(className);
                out.append(' ').append(rows == null ? "not run" : cell(rows)).append(" |");
            }
            out.append('\n');
        }
        boolean header = false;
        for (Map.Entry<String, Map<String, List<String[]>>> version : byVersion.entrySet()) {
            for (List<String[]> rows : version.getValue().values()) {
                for (String[] row : rows) {
                    if (row[2].equals("failed")) {
                        if (!header) {
                            out.append("\nFailures:\n\n");
                            header = true;
                        }
                        out.append("- ").append(version.getKey()).append(": `").append(row[0]).append('#').append(row[1])
                                .append("`: ").append(row[3].replace("|", "\\|")).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static String cell(List<String[]> rows) {
        long passed = rows.stream().filter(r -> r[2].equals("passed")).count();
        long skipped = rows.stream().filter(r -> r[2].equals("skipped")).count();
        long failed = rows.stream().filter(r -> r[2].equals("failed")).count();
        String cell = passed + "/" + (rows.size() - skipped);
        List<String> notes = new ArrayList<>();
        if (skipped > 0) {
            notes.add(skipped + " skipped");
        }
        if (failed > 0) {
            notes.add("**" + failed + " failed**");
        }
        return notes.isEmpty() ? cell : cell + " (" + String.join(", ", notes) + ")";
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().strip();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        String text = error.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    public static int compareVersions(String a, String b) {
        Comparator<String> numeric = Comparator.comparingInt(s -> s.chars().allMatch(Character::isDigit) ? Integer.parseInt(s) : -1);
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = numeric.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
            c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
