package io.github.jitprovisioning.it.harness;

/**
 * The one Keycloak server of a test run, with the built extension JAR installed. Obtained from
 * {@link KeycloakExtension} (parameter of type {@code KeycloakServer}); the extension stops it at the end of the run.
 */
public interface KeycloakServer extends AutoCloseable {

    String ADMIN_USERNAME = "admin";
    String ADMIN_PASSWORD = "admin";

    /** Where a browser (and the tests) reach the server, e.g. {@code http://localhost:41234}, no trailing slash. */
    String baseUrl();

    /**
     * Where the server reaches itself, for back-channel calls between realms (an identity provider's token,
     * user info and JWKS URLs, and the issuer it expects). Same as {@link #baseUrl()} for the distribution;
     * the container's internal address for testcontainers.
     */
    String backchannelBaseUrl();

    /** The management interface (health, metrics), e.g. {@code http://localhost:41235}. */
    String managementUrl();

    /** The server log so far: the log file of the distribution, the container's output for testcontainers. */
    String serverLog();

    /** The admin REST client, logged in as the bootstrap admin of the master realm. */
    AdminApi admin();

    /**
     * Makes a TCP port listening on this JVM's loopback interface reachable from the server and returns the host
     * name the server must use for it (for the SMTP sink).
     */
    String hostReachingLocalPort(int port);

    /** How long building and starting the server took, for the report. */
    String startupReport();

    @Override
    void close();
}
