package io.github.jitprovisioning.it.harness;

/** A non-2xx answer of the admin REST API to one of {@link AdminApi}'s convenience methods. */
public final class AdminApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    AdminApiException(String method, String path, int status, String body) {
        super(method + " " + path + " -> HTTP " + status + ": " + Json.abbreviate(body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
