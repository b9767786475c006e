package io.github.jitprovisioning.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** What a test checks after a login that JIT must refuse: the block page, its event, and that nothing was made. */
public final class BlockedLogin {

    private static final Pattern REFERENCE = Pattern.compile("JIT-[0-9A-HJKMNP-TV-Z]{8}");

    private BlockedLogin() {
    }

    /** The reference code shown on the block page (fails when the page is not the block page). */
    public static String reference(LoginResult login) {
        assertThat(login.finalStatus()).as("block page status, %s", login).isEqualTo(403);
        assertThat(login.loggedIn()).isFalse();
        assertThat(login.anyServerError()).as("%s", login).isFalse();
        assertThat(login.finalHtml()).as("block page, %s", login).contains("id=\"jit-blocked\"");
        Matcher matcher = REFERENCE.matcher(login.finalHtml());
        assertThat(matcher.find()).as("reference code on the block page").isTrue();
        return matcher.group();
    }

    /** The one event of the app realm whose {@code jit_reference} is {@code reference}. */
    public static JsonNode event(Scenario scenario, String reference) {
        List<JsonNode> events = scenario.events().stream()
                .filter(event -> reference.equals(event.path("details").path("jit_reference").asText()))
                .toList();
        assertThat(events).as("events with jit_reference %s", reference).hasSize(1);
        return events.get(0);
    }

    /**
     * Asserts a refused login end to end: 403 block page with a reference code, an
     * IDENTITY_PROVIDER_FIRST_LOGIN_ERROR event with that reference and {@code reason}, and no user, membership or
     * link left behind ({@code before} was taken just before the login). Returns the event.
     */
    public static JsonNode assertBlocked(Scenario scenario, LoginResult login, String reason, Snapshot before) {
        String reference = reference(login);
        JsonNode event = event(scenario, reference);
        assertThat(event.path("type").asText()).isEqualTo("IDENTITY_PROVIDER_FIRST_LOGIN_ERROR");
        assertThat(event.path("error").asText()).isEqualTo(reason);
        assertThat(event.path("details").path("jit_outcome").asText()).isEqualTo("blocked");
        assertThat(event.path("details").path("jit_reason").asText()).isEqualTo(reason);
        before.assertNothingCreated();
        return event;
    }

    /** Users and memberships of a realm at one moment, to prove that a refused login made nothing. */
    public record Snapshot(Scenario scenario, int users, java.util.Map<String, Integer> members) {

        public static Snapshot of(Scenario scenario, String... orgIds) {
            java.util.Map<String, Integer> members = new java.util.LinkedHashMap<>();
            for (String orgId : orgIds) {
                members.put(orgId, scenario.members(orgId).size());
            }
            return new Snapshot(scenario, scenario.userCount(), members);
        }

        public void assertNothingCreated() {
            assertThat(scenario.userCount()).as("users after a refused login").isEqualTo(users);
            members.forEach((orgId, count) -> assertThat(scenario.members(orgId))
                    .as("members of organization %s after a refused login", orgId).hasSize(count));
        }
    }
}
