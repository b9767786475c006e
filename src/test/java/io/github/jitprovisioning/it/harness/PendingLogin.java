package io.github.jitprovisioning.it.harness;

import java.time.Duration;
import java.net.URI;

/**
 * A brokered login stopped where the identity provider sends the browser back to Keycloak
 * ({@code /realms/<app>/broker/<alias>/endpoint?code=...}), before the first broker login flow ran. Lets a test
 * finish two such logins concurrently to race two first logins.
 */
public final class PendingLogin {

    private final BrokeredLogin.Walk walk;
    private final URI brokerCallback;

    PendingLogin(BrokeredLogin.Walk walk, URI brokerCallback) {
        this.walk = walk;
        this.brokerCallback = brokerCallback;
    }

    /** The broker endpoint URL carrying the identity provider's code and state. */
    public URI brokerCallbackUrl() {
        return brokerCallback;
    }

    /** The cookies of this login's browser. */
    public CookieJar cookieJar() {
        return walk.jar;
    }

    /** Follows the broker callback through the first broker login flow to the end; call once. */
    public LoginResult finish() {
        return walk.resume(brokerCallback);
    }

    /**
     * Like {@link #finish()}, and measures the server's part after the identity provider: from the broker callback
     * request to the last browser response (the redirect to the client, or the page the login stopped on), without
     * the token request. For the benchmark.
     */
    public Timed finishTimed() {
        long start = System.nanoTime();
        LoginResult result = walk.resume(brokerCallback);
        return new Timed(result, Duration.ofNanos(walk.lastBrowserResponseNanos - start));
    }

    /** A finished login and the duration of its broker segment. */
    public record Timed(LoginResult result, Duration brokerSegment) {
    }
}
