package io.github.jitprovisioning.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core must run without Keycloak: it imports the JDK only, in every sub-package. */
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

    @Test
    void everySubPackageIsCoveredAndSaysWhatItDecides() throws IOException {
        List<Path> packages;
        try (Stream<Path> dirs = Files.walk(CORE)) {
            packages = dirs.filter(Files::isDirectory).filter(d -> !d.equals(CORE)).toList();
        }
        assertThat(packages).as("core's sub-packages").hasSizeGreaterThanOrEqualTo(6);
        try (Stream<Path> top = Files.list(CORE)) {
            assertThat(top.filter(p -> p.toString().endsWith(".java")).toList())
                    .as("classes directly in core/ (each belongs to a sub-package by subject)").isEmpty();
        }
        for (Path dir : packages) {
            assertThat(dir.resolve("package-info.java")).as(dir.toString()).isRegularFile();
        }
    }
}
