package io.github.jitprovisioning.it.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.github.jitprovisioning.it.harness.DistributionServer;

/**
 * The JAR of an earlier release, built from this repository's own history: the release's tree ({@code git archive}
 * of its tag or commit) extracted under {@code target/}, then {@code ./mvnw -B -q package} there without tests. Needs
 * only git's history and Maven Central (in practice the local Maven repository, which this build already filled: the
 * earlier releases use the same plugins). Built once per commit: a folder that already holds the JAR of the same
 * commit is used again. Took 13 to 16 s on a 2-core machine for each of 1.0.0, 1.1.0 and 1.2.0.
 */
final class ReleaseJar {

    /** 600 s by default; {@code -Djit.upgrade.build-timeout-seconds=N}. */
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(Long.getLong("jit.upgrade.build-timeout-seconds", 600));
    private static final String DONE = ".jit-release-built";

    private ReleaseJar() {
    }

    /** What was built: the JAR, the commit it came from, its manifest's version, and how long the build took. */
    record Built(Path jar, String ref, String commit, String manifestVersion, long buildMillis) {

        /** Whether the JAR has the entry {@code name} (a class or resource: what the release has). */
        boolean contains(String name) {
            try (JarFile file = new JarFile(jar.toFile())) {
                return file.getEntry(name) != null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The JAR of release {@code ref} (a tag such as {@code v1.2.0}, or a commit) of the repository at
     * {@code projectDir}, built under {@code workDir}.
     */
    static Built build(Path projectDir, String ref, Path workDir) {
        try {
            String commit = commitOf(projectDir, ref);
            Path tree = workDir.resolve(ref.replaceAll("[^A-Za-z0-9._-]", "_"));
            Path done = tree.resolve(DONE);
            long start = System.nanoTime();
            if (!Files.isRegularFile(done) || !Files.readString(done).strip().equals(commit)) {
                DistributionServer.deleteRecursively(tree);
                Files.createDirectories(tree);
                Path archive = workDir.resolve(tree.getFileName() + ".tar");
                run(projectDir, Duration.ofSeconds(120), null, "git", "archive", "--format=tar", "-o",
                        archive.toAbsolutePath().toString(), commit);
                run(tree, Duration.ofSeconds(120), null, "tar", "-xf", archive.toAbsolutePath().toString());
                Files.delete(archive);
                List<String> maven = new ArrayList<>(List.of("./mvnw", "-B", "-q", "package",
                        "-Dmaven.test.skip=true", "-DskipITs"));
                String localRepository = System.getProperty("jit.upgrade.maven.repo.local", "");
                if (!localRepository.isBlank()) {
                    maven.add("-Dmaven.repo.local=" + localRepository);
                }
                run(tree, BUILD_TIMEOUT, tree.resolve("build.log"), maven.toArray(String[]::new));
                Files.writeString(done, commit + "\n");
            }
            long buildMillis = (System.nanoTime() - start) / 1_000_000;
            Path jar = jarIn(tree.resolve("target"));
            String version;
            try (JarFile file = new JarFile(jar.toFile())) {
                version = file.getManifest().getMainAttributes().getValue("Implementation-Version");
            }
            return new Built(jar, ref, commit, version, buildMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The extension's JAR in a release's {@code target/} (not the test providers'). */
    private static Path jarIn(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("keycloak-jit-provisioning-") && name.endsWith(".jar")
                        && !name.endsWith("-test-providers.jar") && !name.endsWith("-sources.jar");
            }).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one extension JAR in " + target + ", found " + jars);
            }
            return jars.get(0);
        }
    }

    /** Runs a command in {@code dir}; its output goes to {@code log} (or is returned); fails with the output's tail. */
    /**
     * The commits of the releases before tags were kept, so that a clone without its tags (CI's, or a shallow one
     * that can still fetch from its origin) finds them.
     */
    private static final Map<String, String> RELEASE_COMMITS = Map.of(
            "v1.0.0", "8d07f9a4ab9115c2761032ab6403e491bef016e6",
            "v1.1.0", "39064170f71c280bf8ccabe2523410d868613f8d",
            "v1.2.0", "71e5cd524da770fd413c7d67746a35b20cea12d4");

    /** {@code ref} as a commit: the tag itself; else the release's known commit; else fetched from the origin. */
    private static String commitOf(Path projectDir, String ref) throws IOException {
        List<String> candidates = new ArrayList<>(List.of(ref));
        if (RELEASE_COMMITS.containsKey(ref)) {
            candidates.add(RELEASE_COMMITS.get(ref));
        }
        for (String candidate : candidates) {
            try {
                return run(projectDir, Duration.ofSeconds(60), null, "git", "rev-parse", "--verify", "--quiet",
                        candidate + "^{commit}").strip();
            } catch (IllegalStateException notHere) {
                // next candidate
            }
        }
        try {
            run(projectDir, Duration.ofSeconds(120), null, "git", "fetch", "--quiet", "origin",
                    RELEASE_COMMITS.getOrDefault(ref, "refs/tags/" + ref + ":refs/tags/" + ref));
        } catch (IllegalStateException noOrigin) {
            // reported by the rev-parse below, with its hint
        }
        return run(projectDir, Duration.ofSeconds(60), null, "git", "rev-parse", "--verify", "--quiet",
                RELEASE_COMMITS.getOrDefault(ref, ref) + "^{commit}").strip();
    }

    private static String run(Path dir, Duration timeout, Path log, String... command) throws IOException {
        Path output = log != null ? log : Files.createTempFile("jit-release-", ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                DistributionServer.destroyTree(process.toHandle());
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout + " in " + dir
                        + ":\n" + DistributionServer.tail(output, 60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            DistributionServer.destroyTree(process.toHandle());
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (log == null) {
            Files.deleteIfExists(output);
        }
        if (process.exitValue() != 0) {
            String hint = command[0].equals("git") && command[1].equals("rev-parse")
                    ? " (is this a clone with the release tags? `git fetch --tags`, or name a commit with -Djit.upgrade.from=...)"
                    : "";
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + ") in "
                    + dir + hint + ":\n" + (log == null ? text : DistributionServer.tail(output, 60)));
        }
        return text;
    }
}
