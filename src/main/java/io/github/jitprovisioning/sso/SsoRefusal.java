package io.github.jitprovisioning.sso;

/**
 * A refused self-service SSO request: an HTTP status, a stable code and a message in plain words for the
 * customer's IT admin (never a secret, never a fetched document).
 */
public final class SsoRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public SsoRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
