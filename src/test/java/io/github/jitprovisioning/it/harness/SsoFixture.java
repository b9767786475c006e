package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;


/**
 * The portal SSO tests' third-party OpenID Provider (NAV's mock-oauth2-server in the test JVM, one per class, on a
 * free port of localhost) and what a browser does in a test sign-in.
 */
public final class SsoFixture {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private SsoFixture() {
    }

    public static MockOAuth2Server start() {
        MockOAuth2Server server = new MockOAuth2Server();
        try {
            server.start(InetAddress.getByName("localhost"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // its first answer loads its HTTP and JSON classes (seconds on a busy machine): done here, so that the
        // server's 5 s fetch limit measures the server, not the test JVM's class loading
        HttpResponse<String> warm = get(issuer(server, "warm-up") + "/.well-known/openid-configuration", Map.of());
        HttpRequest token = HttpRequest.newBuilder(URI.create(issuer(server, "warm-up") + "/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=warm&client_secret=up"))
                .build();
        try {
            if (warm.statusCode() != 200 || HTTP.send(token, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                throw new IllegalStateException("mock-oauth2-server did not answer the warm-up");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return server;
    }

    /** The issuer {@code issuerId} of the server as Keycloak reaches it (allow-listed host {@code localhost}). */
    public static String issuer(MockOAuth2Server server, String issuerId) {
        return "http://localhost:" + server.baseUrl().port() + "/" + issuerId;
    }

    /** The portal's create body for this issuer. */
    public static Map<String, Object> connect(String discoveryUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("protocol", "oidc");
        body.put("discoveryUrl", discoveryUrl);
        body.put("clientId", "acme-portal-client");
        body.put("clientSecret", "s3cr3t-value-of-acme");
        body.put("scopes", "openid email profile");
        body.put("displayName", "Acme Okta");
        return body;
    }

    /** The claims of the next token the server issues for {@code issuerId}. */
    public static void nextSignIn(MockOAuth2Server server, String issuerId, String subject, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, 3600));
    }

    public static Map<String, Object> person(String email, String given, String family) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("given_name", given);
        claims.put("family_name", family);
        claims.put("preferred_username", email);
        return claims;
    }

    /**
     * A test sign-in as a browser runs it: POST {@code .../sso/{alias}/test}, the IdP's redirect, the callback with
     * the cookie the start set. Answers the callback's page.
     */
    public static HttpResponse<String> testSignIn(PortalHttp portal, String orgId, String alias) {
        HttpResult started = portal.send("POST", "api/organizations/" + orgId + "/sso/" + alias + "/test", (Object) null);
        if (started.status() != 200) {
            throw new AssertionError("test start: " + started.status() + " " + started.body());
        }
        String cookie = started.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> atIdp = get(started.json().get("authorizationUrl").asText(), Map.of());
        if (atIdp.statusCode() != 302) {
            throw new AssertionError("the IdP answered " + atIdp.statusCode() + ": " + atIdp.body());
        }
        return get(atIdp.headers().firstValue("Location").orElseThrow(), Map.of("Cookie", cookie));
    }

    public static HttpResponse<String> get(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
