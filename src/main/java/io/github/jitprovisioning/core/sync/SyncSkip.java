package io.github.jitprovisioning.core.sync;

import io.github.jitprovisioning.core.text.StorableText;
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
        /**
         * A value contains a control or format character (NUL, which databases such as PostgreSQL cannot store,
         * line breaks, bidirectional overrides, invisible characters; see {@link StorableText}).
         */
        UNSTORABLE_VALUE("unstorable_value"),
        /** The claim has more values than the mapper's limit ({@link SyncLimits#maxValues()}). */
        TOO_MANY_VALUES("too_many_values"),
        /** A value is longer than {@link SyncLimits#MAX_LENGTH} characters. */
        VALUE_TOO_LONG("value_too_long"),
        /**
         * The realm's user profile does not let users edit the attribute (read-only or admin-only for users), and
         * the mapper does not list it among the protected attributes it may write.
         */
        READ_ONLY_ATTRIBUTE("read_only_attribute"),
        /** The new email's domain is an organization domain that is not verified, and the realm requires verified domains. */
        EMAIL_DOMAIN_NOT_VERIFIED("email_domain_not_verified");

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
