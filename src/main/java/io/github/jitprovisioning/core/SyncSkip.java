package io.github.jitprovisioning.core;

import java.util.Objects;

/**
 * A field that profile sync did not write although the IdP sent a different value.
 *
 * @param attribute the user attribute
 * @param cause     why
 * @param detail    what an administrator needs to act on, safe to log (never a whole email address)
 */
public record SyncSkip(String attribute, Cause cause, String detail) {

    /** Why a field was skipped; the codes appear in the {@code jit_warnings} event detail. */
    public enum Cause {
        /** The new email claim is not one plain address (rule 3's parser). */
        INVALID_EMAIL("invalid_email"),
        /** The new email's domain is not one of the organization's domains. */
        EMAIL_OUTSIDE_ORGANIZATION("email_outside_organization"),
        /** Another user of the realm already has the new email. */
        EMAIL_TAKEN("email_taken"),
        /** The realm's user profile rejects the value. */
        REJECTED_BY_USER_PROFILE("rejected_by_user_profile"),
        /** The attribute is not in the realm's user profile and the realm does not allow unmanaged attributes. */
        UNMANAGED_ATTRIBUTE("unmanaged_attribute"),
        /** A value contains a NUL character, which databases such as PostgreSQL cannot store. */
        UNSTORABLE_VALUE("unstorable_value");

        private final String code;

        Cause(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public SyncSkip {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(cause, "cause");
        detail = detail == null ? "" : detail;
    }

    /** One entry of the {@code jit_warnings} detail: {@code attribute: code (detail)}. */
    public String warning() {
        return attribute + ": " + cause.code() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
