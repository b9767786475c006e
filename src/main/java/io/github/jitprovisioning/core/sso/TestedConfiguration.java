package io.github.jitprovisioning.core.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fingerprint of the settings a test sign-in proves (endpoints, issuer, client, scopes, and the version of the
 * client secret), and the state of a self-service IdP that follows from it: a change of any of them makes the
 * IdP need a new test before it is live again.
 */
public final class TestedConfiguration {

    /** The IdP settings the fingerprint covers, in this order. */
    public static final List<String> KEYS = List.of("issuer", "authorizationUrl", "tokenUrl", "userInfoUrl", "jwksUrl",
            "clientId", "defaultScope", "clientAuthMethod", "jit.sso.secret-version");

    public enum State {
        DRAFT, TESTED, LIVE, DISABLED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private TestedConfiguration() {
    }

    public static String fingerprint(Map<String, String> config) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String key : KEYS) {
                String value = config.get(key);
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /**
     * @param enabled         whether the IdP is enabled
     * @param wentLive        whether it was taken live and not disabled since
     * @param testedFingerprint the fingerprint of the last successful test, or {@code null}
     * @param current         the fingerprint of the settings now
     */
    public static State state(boolean enabled, boolean wentLive, String testedFingerprint, String current) {
        boolean tested = testedFingerprint != null && testedFingerprint.equals(current);
        if (enabled && wentLive && tested) {
            return State.LIVE;
        }
        if (wentLive && !enabled) {
            return State.DISABLED;
        }
        return tested ? State.TESTED : State.DRAFT;
    }
}
