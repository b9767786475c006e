package io.github.jitprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The version moves with what lands (docs/upgrading.md, "Versions"): {@code pom.xml}'s version is a semantic version;
 * CHANGELOG.md lists the releases newest first, each dated; while CHANGELOG.md has an {@code [Unreleased]} section the
 * pom's version is beyond the newest release (the next one), and without it the pom's version is the newest release;
 * docs/upgrading.md's table names every release.
 */
class ReleaseVersionTest {

    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern HEADING = Pattern.compile("(?m)^## \\[([^\\]]+)\\](?: - (\\d{4}-\\d{2}-\\d{2}))?\\s*$");

    private record Release(String version, String date) {
    }

    @Test
    void thePomsVersionIsASemanticVersion() throws IOException {
        assertThat(pomVersion()).matches(SEMVER);
    }

    @Test
    void releasesAreListedNewestFirstEachWithItsDate() throws IOException {
        List<Release> released = released();
        assertThat(released).isNotEmpty();
        for (Release release : released) {
            assertThat(release.version()).as("a release heading").matches(SEMVER);
            assertThat(release.date()).as("date of %s", release.version()).isNotNull();
        }
        for (int i = 1; i < released.size(); i++) {
            assertThat(compare(released.get(i - 1).version(), released.get(i).version()))
                    .as("%s listed before %s", released.get(i - 1).version(), released.get(i).version()).isPositive();
        }
    }

    @Test
    void thePomsVersionIsTheNextReleaseWhileThereIsUnreleasedWorkElseTheNewestRelease() throws IOException {
        String pom = pomVersion();
        String newest = released().get(0).version();
        if (changelog().contains("## [Unreleased]")) {
            assertThat(compare(pom, newest)).as("pom.xml %s is beyond the newest release %s", pom, newest).isPositive();
        } else {
            assertThat(pom).as("pom.xml is the newest release").isEqualTo(newest);
        }
    }

    @Test
    void theUpgradingPageNamesEveryRelease() throws IOException {
        String upgrading = Files.readString(Path.of("docs/upgrading.md"), StandardCharsets.UTF_8);
        for (Release release : released()) {
            assertThat(upgrading).contains("| " + release.version() + " | " + release.date() + " |");
        }
    }

    private static String changelog() throws IOException {
        return Files.readString(Path.of("CHANGELOG.md"), StandardCharsets.UTF_8);
    }

    private static List<Release> released() throws IOException {
        List<Release> released = new ArrayList<>();
        Matcher matcher = HEADING.matcher(changelog());
        while (matcher.find()) {
            if (!matcher.group(1).equals("Unreleased")) {
                released.add(new Release(matcher.group(1), matcher.group(2)));
            }
        }
        return released;
    }

    /** The project's own version: the first {@code <version>} after its artifactId. */
    private static String pomVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile("<artifactId>keycloak-jit-provisioning</artifactId>[\\s\\S]*?<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(matcher.find()).as("the project's version in pom.xml").isTrue();
        return matcher.group(1).trim();
    }

    private static int compare(String a, String b) {
        int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }
}
