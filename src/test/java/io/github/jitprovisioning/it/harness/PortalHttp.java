package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client of the portal at {@code /realms/{realm}/jit-portal/}: as a signed-in user (bearer access token), as a
 * browser holding a setup-link session cookie (with the headers a browser would send), or anonymous.
 */
public final class PortalHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String portalUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private PortalHttp(String baseUrl, String realm) {
        this.portalUrl = baseUrl + "/realms/" + realm + "/jit-portal/";
    }

    public static PortalHttp anonymous(String baseUrl, String realm) {
        return new PortalHttp(baseUrl, realm);
    }

    public static PortalHttp bearer(String baseUrl, String realm, String accessToken) {
        PortalHttp http = new PortalHttp(baseUrl, realm);
        http.headers.put("Authorization", "Bearer " + accessToken);
        return http;
    }

    /** Adds (or with null removes) a header on every request, e.g. the cookie, Origin or CSRF token. */
    public PortalHttp header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    String portalUrl() {
        return portalUrl;
    }

    public HttpResult get(String path) {
        return send("GET", path, null, null);
    }

    public HttpResult send(String method, String path, Object jsonBody) {
        return send(method, path, jsonBody == null ? null : Json.write(jsonBody), "application/json");
    }

    public HttpResult send(String method, String path, String body, String contentType) {
        return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                contentType);
    }

    /** A request whose body is exactly these bytes (e.g. invalid UTF-8), with this {@code Content-Type}. */
    public HttpResult sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portalUrl + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
