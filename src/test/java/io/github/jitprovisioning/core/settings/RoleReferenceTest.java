package io.github.jitprovisioning.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleReferenceTest {

    @Test
    void nameWithoutADotHasNoClientReading() {
        assertThat(RoleReference.clientCandidates("employee")).isEmpty();
        assertThat(RoleReference.clientCandidates(null)).isEmpty();
    }

    @Test
    void dottedClientIdIsTriedLongestFirst() {
        assertThat(RoleReference.clientCandidates("my.app.viewer")).containsExactly(
                new RoleReference("my.app", "viewer"),
                new RoleReference("my", "app.viewer"));
    }

    @Test
    void clientIdLikeAUrlIsSplitAtEachDot() {
        assertThat(RoleReference.clientCandidates("https://app.example.com.admin-view")).containsExactly(
                new RoleReference("https://app.example.com", "admin-view"),
                new RoleReference("https://app.example", "com.admin-view"),
                new RoleReference("https://app", "example.com.admin-view"));
    }

    @Test
    void emptyPartsAreTriedLikeKeycloakDoes() {
        assertThat(RoleReference.clientCandidates(".x.")).containsExactly(
                new RoleReference(".x", ""),
                new RoleReference("", "x."));
    }

    @Test
    void atMostTwentyFiveClientIdsAreTried() {
        assertThat(RoleReference.clientCandidates("a.".repeat(40) + "b")).hasSize(RoleReference.MAX_CLIENT_LOOKUPS);
    }
}
