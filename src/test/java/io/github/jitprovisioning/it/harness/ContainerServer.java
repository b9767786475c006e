package io.github.jitprovisioning.it.harness;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;

import dasniko.testcontainers.keycloak.KeycloakContainer;

/**
 * The same server on testcontainers-keycloak: image {@code quay.io/keycloak/keycloak:<keycloak.version>} named
 * explicitly, the built JAR added with {@code withProviderLibsFrom}. Only used where a Docker engine answers.
 */
final class ContainerServer implements KeycloakServer {

    /** Port Keycloak listens on inside the container, for calls the server makes to itself. */
    private static final int INTERNAL_HTTP_PORT = 8080;
    private static final String HOST_FROM_CONTAINER = "host.testcontainers.internal";

    private final KeycloakContainer container;
    private final AdminApi admin;
    private final String startupReport;
    private boolean closed;

    private ContainerServer(KeycloakContainer container, String startupReport) {
        this.container = container;
        this.startupReport = startupReport;
        this.admin = new AdminApi(baseUrl(), container.getAdminUsername(), container.getAdminPassword());
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource") // closed by close()
    static ContainerServer start(String keycloakVersion, Path jar) {
        List<File> providers = new java.util.ArrayList<>(List.of(new File(jar.toString())));
        String testProviders = System.getProperty("jit.it.extra-providers");
        if (testProviders != null && new File(testProviders).isFile()) {
            providers.add(new File(testProviders)); // test-only providers, as on the distribution backend
        }
        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + keycloakVersion)
                .withProviderLibsFrom(providers)
                .withAdminUsername(ADMIN_USERNAME)
                .withAdminPassword(ADMIN_PASSWORD)
                .withEnabledMetrics()
                .withAccessToHost(true)
                .withStartupTimeout(Duration.ofMinutes(4));
        long startNanos = System.nanoTime();
        container.start();
        String report = "container " + container.getDockerImageName() + " start to ready "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms";
        System.out.println("[keycloak-it] " + report);
        return new ContainerServer(container, report);
    }

    @Override
    public String baseUrl() {
        return stripSlash(container.getAuthServerUrl());
    }

    @Override
    public String backchannelBaseUrl() {
        return "http://localhost:" + INTERNAL_HTTP_PORT;
    }

    @Override
    public String managementUrl() {
        return stripSlash(container.getMgmtServerUrl());
    }

    @Override
    public String serverLog() {
        return container.getLogs();
    }

    @Override
    public AdminApi admin() {
        return admin;
    }

    @Override
    public String hostReachingLocalPort(int port) {
        Testcontainers.exposeHostPorts(port);
        return HOST_FROM_CONTAINER;
    }

    @Override
    public String startupReport() {
        return startupReport;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            container.stop();
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "Keycloak container " + container.getDockerImageName() + " at " + baseUrl();
    }
}
