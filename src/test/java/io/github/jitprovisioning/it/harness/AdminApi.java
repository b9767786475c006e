package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A small client of Keycloak's admin REST API, logged in as the bootstrap admin of the master realm, or with
 * {@link #signedIn} as any user of any realm (password grant on {@code admin-cli}; a new token is fetched shortly
 * before the current one expires).
 *
 * <p>Paths are relative to {@code /admin/realms}, e.g. {@code "/app-1/users?email=a@b.c"}; encode path
 * segments with {@link #enc(String)}. The convenience methods ({@link #get}, {@link #post}, {@link #postForm},
 * {@link #put}, {@link #delete}) throw {@link AdminApiException} on any non-2xx answer; {@link #send} never
 * does, for tests that assert on a refusal.
 */
public final class AdminApi {

    /** Overridable for a loaded machine: {@code -Djit.it.http-timeout-seconds=...}. */
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("jit.it.http-timeout-seconds", 60));
    /** Fetch a new token when the current one has less than this left (master's default lifespan is 60 s). */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(20);

    private final HttpClient http;
    private final String baseUrl;
    private final String tokenRealm;
    private final String username;
    private final String password;

    private String token;
    private Instant tokenExpiry = Instant.MIN;

    public AdminApi(String baseUrl, String username, String password) {
        this(baseUrl, "master", username, password);
    }

    private AdminApi(String baseUrl, String tokenRealm, String username, String password) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.baseUrl = baseUrl;
        this.tokenRealm = tokenRealm;
        this.username = username;
        this.password = password;
    }

    /**
     * A client signed in as {@code username} of {@code realm} (a user with a password and no required action), for
     * tests of what that user may do; {@link #token()} is that user's access token.
     */
    public static AdminApi signedIn(String baseUrl, String realm, String username, String password) {
        return new AdminApi(baseUrl, realm, username, password);
    }

    /** Encodes one path segment or query value (spaces as %20). */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) {
        return check("GET", path, send("GET", path, null)).json();
    }

    public HttpResult post(String path, Object jsonBody) {
        return check("POST", path, send("POST", path, jsonBody));
    }

    public HttpResult postForm(String path, Map<String, String> form) {
        HttpRequest request = authorized(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
                .build();
        return check("POST", path, exchange(request));
    }

    public HttpResult put(String path, Object jsonBody) {
        return check("PUT", path, send("PUT", path, jsonBody));
    }

    public HttpResult delete(String path) {
        return check("DELETE", path, send("DELETE", path, null));
    }

    /** Sends a request with an optional JSON body (any object Jackson can write) and returns whatever came back. */
    public HttpResult send(String method, String path, Object jsonBody) {
        HttpRequest.Builder builder = authorized(path);
        if (jsonBody == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(jsonBody)));
        }
        return exchange(builder.build());
    }

    /** Fetch a new token at the next call: after a test moved the server's clock, the current one may be expired there. */
    public synchronized void forgetToken() {
        token = null;
    }

    /** A valid access token of the signed-in user (the master-realm admin unless {@link #signedIn}). */
    public synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenExpiry.minus(REFRESH_MARGIN))) {
            Instant requested = Instant.now();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + tokenRealm + "/protocol/openid-connect/token"))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(formBody(Map.of(
                            "grant_type", "password",
                            "client_id", "admin-cli",
                            "username", username,
                            "password", password))))
                    .build();
            HttpResult result = exchange(request);
            if (result.status() != 200) {
                throw new AdminApiException("POST", "/realms/" + tokenRealm + "/protocol/openid-connect/token", result.status(), result.body());
            }
            JsonNode answer = result.json();
            token = answer.get("access_token").asText();
            tokenExpiry = requested.plusSeconds(answer.get("expires_in").asLong());
        }
        return token;
    }

    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpRequest.Builder authorized(String path) {
        String relative = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        return HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms" + relative))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token());
    }

    private HttpResult exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static HttpResult check(String method, String path, HttpResult result) {
        if (!result.isSuccess()) {
            throw new AdminApiException(method, path, result.status(), result.body());
        }
        return result;
    }
}
