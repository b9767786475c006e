package io.github.jitprovisioning.it.harness;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a brokered login ended. Either the browser came back to the client's redirect URI (then the code has been
 * redeemed and {@link #loggedIn()} tells whether tokens were issued), or it stopped on a page: an error or block
 * page, or a form the walker would not post (again).
 *
 * @param finalStatus    status of the last response of the browser part (302 when it came back to the client)
 * @param finalUrl       URL of that last response (the redirect URI with its parameters when it came back)
 * @param finalHtml      body of the last page ("" for a redirect)
 * @param statuses       every response status on the way, token endpoint included
 * @param trail          one line per exchange ("302 GET http://..."), for failure messages
 * @param redirectParams query parameters of the redirect URI ({@code code}, or {@code error} and
 *                       {@code error_description}); empty when the login stopped on a page
 * @param tokenResponse  the token endpoint's JSON answer, or null when no code was redeemed
 * @param elapsed        wall-clock time of the whole login, token request included
 */
public record LoginResult(int finalStatus, URI finalUrl, String finalHtml, List<Integer> statuses, List<String> trail,
                          Map<String, String> redirectParams, JsonNode tokenResponse, Duration elapsed) {

    /** True when the token endpoint issued an access token. */
    public boolean loggedIn() {
        return tokenResponse != null && tokenResponse.hasNonNull("access_token");
    }

    /** Decoded payload of the access token, or null. */
    public JsonNode accessToken() {
        return loggedIn() ? Json.jwtPayload(tokenResponse.get("access_token").asText()) : null;
    }

    /** Decoded payload of the ID token, or null. */
    public JsonNode idToken() {
        return tokenResponse != null && tokenResponse.hasNonNull("id_token") ? Json.jwtPayload(tokenResponse.get("id_token").asText()) : null;
    }

    public boolean anyServerError() {
        return statuses.stream().anyMatch(s -> s >= 500);
    }

    /** Forms of the final page (empty after a redirect). */
    public List<HtmlForms.Form> forms() {
        return HtmlForms.parse(finalHtml);
    }

    /** Ids of the final page's forms, e.g. {@code kc-idp-review-profile-form}. */
    public List<String> formIds() {
        return forms().stream().map(HtmlForms.Form::id).toList();
    }

    /** The final page's title, or "". */
    public String pageTitle() {
        return HtmlForms.title(finalHtml).orElse("");
    }

    @Override
    public String toString() {
        return "LoginResult{finalStatus=" + finalStatus + ", loggedIn=" + loggedIn() + ", title='" + pageTitle()
                + "', redirectParams=" + redirectParams + ", elapsed=" + elapsed.toMillis() + " ms, trail=\n  "
                + String.join("\n  ", trail) + "\n  final page: " + Json.abbreviate(finalHtml) + "}";
    }
}
