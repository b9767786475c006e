package io.github.jitprovisioning.domains;

/**
 * The answer of a {@link DomainVerificationService} operation: a status the REST layers map to HTTP, the claim
 * (when there is one), a message key for refusals and a detail for the log.
 */
public record DomainResult(Status status, DomainView domain, String code, String detail) {

    public enum Status { OK, CREATED, INVALID, CONFLICT, NOT_FOUND, TOO_SOON, BUSY }

    static DomainResult ok(DomainView view, String detail) {
        return new DomainResult(Status.OK, view, null, detail);
    }

    static DomainResult refused(Status status, String code) {
        return new DomainResult(status, null, code, null);
    }
}
