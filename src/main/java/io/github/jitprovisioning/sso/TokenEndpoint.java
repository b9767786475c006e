package io.github.jitprovisioning.sso;

import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.sso.fetch.FetchResult;
import io.github.jitprovisioning.sso.fetch.GuardedFetch;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one POST of a test sign-in: the code redeemed at the IdP's token endpoint, through {@link GuardedFetch#post}
 * (the rules of every fetch for a customer: https or an allow-listed host, public addresses checked on the connected
 * address, no redirect, 1 MiB, 5 s). A refusal (an OAuth error of the token endpoint included) is said in plain words.
 */
final class TokenEndpoint {

    record Answer(String body, String refusal) {
    }

    private TokenEndpoint() {
    }

    static Answer post(URI uri, Map<String, String> form, FetchPolicy policy) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        FetchResult result = new GuardedFetch(policy).post(uri, "application/json", "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8));
        if (result instanceof FetchResult.Refused refused) {
            return new Answer(null, "the token endpoint: " + refused.message());
        }
        return new Answer(new String(((FetchResult.Ok) result).body(), StandardCharsets.UTF_8), null);
    }
}
