package io.github.jitprovisioning.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class CookieJarTest {

    private static final URI LOGIN = URI.create("http://localhost:8080/realms/app/login-actions/authenticate?x=1");

    @Test
    void secureCookieIsSentOverPlainHttpToLocalhost() {
        CookieJar jar = new CookieJar();
        jar.store(LOGIN, List.of("KC_RESTART=abc; Version=1; Path=/realms/app/; SameSite=None; Secure; HttpOnly"));

        assertThat(jar.header(URI.create("http://localhost:8080/realms/app/broker/x/endpoint"))).contains("KC_RESTART=abc");
    }

    @Test
    void secureCookieIsNotSentOverPlainHttpToOtherHosts() {
        CookieJar jar = new CookieJar();
        URI remote = URI.create("http://example.test/realms/app/login");
        jar.store(remote, List.of("A=1; Path=/; Secure"));

        assertThat(jar.header(remote)).isEmpty();
    }

    @Test
    void cookieIsOnlySentUnderItsPath() {
        CookieJar jar = new CookieJar();
        jar.store(LOGIN, List.of("AUTH_SESSION_ID=s1; Path=/realms/app/"));

        assertThat(jar.header(URI.create("http://localhost:8080/realms/idp/protocol/openid-connect/auth"))).isEmpty();
        assertThat(jar.header(URI.create("http://localhost:8080/realms/app/"))).contains("AUTH_SESSION_ID=s1");
    }

    @Test
    void expiredCookieDeletesTheStoredOne() {
        CookieJar jar = new CookieJar();
        jar.store(LOGIN, List.of("KC_RESTART=abc; Path=/realms/app/"));
        jar.store(LOGIN, List.of("KC_RESTART=; Version=1; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Max-Age=0; Path=/realms/app/"));

        assertThat(jar.header(LOGIN)).isEmpty();
    }

    @Test
    void laterCookieReplacesEarlierOneOfSameNameAndPath() {
        CookieJar jar = new CookieJar();
        jar.store(LOGIN, List.of("A=1; Path=/realms/app/"));
        jar.store(LOGIN, List.of("A=2; Path=/realms/app/"));

        assertThat(jar.header(LOGIN)).contains("A=2");
    }
}
