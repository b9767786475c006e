package io.github.jitprovisioning.it.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the README's "Configure step by step in the admin console" and the configuration pages of {@code docs/}
 * tell a person to click: the table "The console's words", the resulting flow, the one-go script, and the option
 * labels of the reference tables. The browser test clicks these words, so a page that names something the
 * console does not show fails the test.
 */
final class ConsoleDocs {

    private static final String CONFIGURE = "## Configure step by step in the admin console";
    private static final String WORDS = "### The console's words";
    private static final Pattern OPTION_ROW = Pattern.compile("(?m)^\\| ([^|`]+?) \\(`([a-z.\\-]+)`\\) \\|");

    /** One line of the resulting flow: its depth (0 = top level), the name the console shows, the requirement. */
    record FlowLine(int level, String name, String requirement) {
    }

    private final String configure;
    private final String steps;
    private final Map<String, String> words;

    private ConsoleDocs(String configure) {
        this.configure = configure;
        int table = configure.indexOf(WORDS);
        if (table < 0) {
            throw new AssertionError("README's configure section has no '" + WORDS + "'");
        }
        this.steps = configure.substring(0, table).replaceAll("\\s+", " "); // a label may wrap in the source
        this.words = new LinkedHashMap<>();
        boolean header = true;
        for (String line : configure.substring(table).split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 3 || cells[1].trim().startsWith("---")) {
                continue;
            }
            if (header) {
                header = false; // "| where | label |"
                continue;
            }
            words.put(cells[1].trim(), cells[2].trim());
        }
    }

    static ConsoleDocs readme() {
        String readme = read(Path.of("README.md"));
        int start = readme.indexOf(CONFIGURE);
        int end = readme.indexOf("\n## ", start + CONFIGURE.length());
        if (start < 0) {
            throw new AssertionError("README.md has no '" + CONFIGURE + "'");
        }
        return new ConsoleDocs(readme.substring(start, end < 0 ? readme.length() : end));
    }

    /** The console's label for {@code where} (first column of the table). */
    String label(String where) {
        String label = words.get(where);
        if (label == null) {
            throw new AssertionError("README's '" + WORDS + "' has no row '" + where + "': " + words.keySet());
        }
        return label;
    }

    Map<String, String> words() {
        return words;
    }

    /** The step-by-step text above the table. */
    String steps() {
        return steps;
    }

    /** The code block that follows {@code marker} in the configure section, without its fences. */
    String codeBlockAfter(String marker) {
        int at = configure.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("README's configure section has no '" + marker + "'");
        }
        int open = configure.indexOf("```", at);
        int bodyStart = configure.indexOf('\n', open) + 1;
        int close = configure.indexOf("\n```", bodyStart);
        return configure.substring(bodyStart, close + 1);
    }

    /** The "resulting flow" block: two spaces of indent per level, the requirement last. */
    List<FlowLine> resultingFlow() {
        List<FlowLine> lines = new ArrayList<>();
        for (String line : codeBlockAfter("The resulting flow").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String text = line.strip();
            int gap = text.lastIndexOf("  ");
            lines.add(new FlowLine(indent / 2, text.substring(0, gap).strip(), text.substring(gap).strip()));
        }
        return lines;
    }

    /** Option labels by config key, from the reference table rows "| Label (`key`) | ...". */
    static Map<String, String> optionLabels(Path page, String fromHeading) {
        String text = read(page);
        int start = text.indexOf(fromHeading);
        if (start < 0) {
            throw new AssertionError(page + " has no '" + fromHeading + "'");
        }
        int end = text.indexOf("\n#", start + fromHeading.length());
        Matcher row = OPTION_ROW.matcher(text.substring(start, end < 0 ? text.length() : end));
        Map<String, String> labels = new LinkedHashMap<>();
        while (row.find()) {
            labels.put(row.group(2), row.group(1).trim());
        }
        return labels;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
