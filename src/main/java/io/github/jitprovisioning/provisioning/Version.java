package io.github.jitprovisioning.provisioning;

import java.util.Map;

/** The extension's version, as the JAR manifest records it, for the admin console's provider info. */
public final class Version {

    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    public static Map<String, String> operationalInfo() {
        return Map.of("version", current());
    }
}
