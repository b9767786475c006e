package io.github.jitprovisioning.sso;

import io.github.jitprovisioning.core.sso.AddressRules;
import io.github.jitprovisioning.core.sso.FetchPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one POST of a test sign-in: the code redeemed at the IdP's token endpoint. {@link io.github.jitprovisioning.sso.fetch.GuardedFetch}
 * only GETs, so this applies the same rules before it connects: https unless the host is allow-listed, every
 * address of the host public ({@link AddressRules}) unless allow-listed, no redirect followed, the policy's time
 * and size limits. Unlike GuardedFetch it does not check the address it finally connected to (the JDK client
 * resolves the name again); the endpoint is the one Keycloak's broker calls at every sign-in once the IdP is live.
 */
final class TokenEndpoint {

    record Answer(String body, String refusal) {
    }

    private TokenEndpoint() {
    }

    static Answer post(URI uri, Map<String, String> form, FetchPolicy policy) {
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getUserInfo() != null) {
            return new Answer(null, "the token endpoint " + TestSignIn.clip(String.valueOf(uri)) + " is not a usable URL");
        }
        boolean allowed = policy.allows(host);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !allowed) {
            return new Answer(null, "the token endpoint must use https");
        }
        if (!allowed) {
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    if (!AddressRules.isPublic(address)) {
                        return new Answer(null, "the token endpoint's host " + host + " resolves to "
                                + AddressRules.describe(address) + "; the server only connects to public addresses");
                    }
                }
            } catch (UnknownHostException e) {
                return new Answer(null, "the token endpoint's host " + host + " does not resolve");
            }
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.timeout()).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(policy.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] read = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, policy.maxBytes() + 1));
                if (read.length > policy.maxBytes()) {
                    return new Answer(null, "the token endpoint's answer is larger than " + policy.maxBytes() + " bytes");
                }
                int status = response.statusCode();
                if (status >= 300 && status < 400) {
                    return new Answer(null, "the token endpoint answered with a redirect (HTTP " + status + ")");
                }
                String text = new String(read, StandardCharsets.UTF_8);
                if (status >= 400 && !text.trim().startsWith("{")) {
                    return new Answer(null, "the token endpoint answered HTTP " + status);
                }
                return new Answer(text, null);
            }
        } catch (java.net.http.HttpTimeoutException e) {
            return new Answer(null, "the token endpoint did not answer within " + policy.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return new Answer(null, "the token endpoint could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted");
        }
    }
}
