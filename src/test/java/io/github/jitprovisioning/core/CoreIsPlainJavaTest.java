package io.github.jitprovisioning.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core must run without Keycloak: it imports the JDK only. */
class CoreIsPlainJavaTest {

    private static final Path CORE = Path.of("src/main/java/io/github/jitprovisioning/core");

    @Test
    void coreImportsNothingButTheJdk() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(CORE)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            try (Stream<String> lines = Files.lines(source)) {
                assertThat(lines.filter(line -> line.startsWith("import ")))
                        .as(source.getFileName().toString())
                        .allSatisfy(line -> assertThat(line).matches("import (static )?(java\\.|io\\.github\\.jitprovisioning\\.core\\.).*;"));
            }
        }
    }
}
