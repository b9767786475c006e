package io.github.jitprovisioning.core.portal;

import java.util.Optional;

/**
 * What an organization admin can do about a JIT decision, by its reason: the answer to "why was this user not
 * provisioned?" for their own users. The portal shows the message {@code jitPortalAdvice.<code>}; {@link #action()}
 * names the portal section that fixes it.
 */
public enum RefusalAdvice {
    ADD_DOMAIN("add_domain", "domains"),
    INVITE("invite", "invitations"),
    TURN_JIT_ON("turn_jit_on", "settings"),
    FIX_IDP_CLAIMS("fix_idp_claims", null),
    VERIFY_EMAIL_AT_IDP("verify_email_at_idp", "invitations"),
    FIX_GRANTS("fix_grants", "grants"),
    CONTACT_PROVIDER("contact_provider", null),
    SIGN_IN_WITH_EXISTING_ACCOUNT("existing_account", null),
    KEEP_THE_IDP_EMAIL("keep_idp_email", null),
    REVOKE_OTHER_ORGANIZATIONS_ADDRESS("other_organizations_domain", "invitations"),
    UNIQUE_USERNAME_AT_IDP("username_taken", null),
    CONFIGURE_MAIL("configure_mail", null),
    WAIT_OR_ASK_PROVIDER("rate_limited", null);

    private final String code;
    private final String action;

    RefusalAdvice(String code, String action) {
        this.code = code;
        this.action = action;
    }

    public String code() {
        return code;
    }

    /** The portal section where the admin acts, or {@code null} when the fix is outside the portal. */
    public String action() {
        return action;
    }

    /** The advice for a decision's reason code; empty for admitted logins and unknown codes. */
    public static Optional<RefusalAdvice> forReason(String reasonCode) {
        if (reasonCode == null) {
            return Optional.empty();
        }
        return switch (reasonCode) {
            case "domain_not_registered" -> Optional.of(ADD_DOMAIN);
            case "idp_not_linked" -> Optional.of(INVITE);
            case "jit_disabled" -> Optional.of(TURN_JIT_ON);
            case "missing_email", "invalid_email" -> Optional.of(FIX_IDP_CLAIMS);
            case "email_not_verified" -> Optional.of(VERIFY_EMAIL_AT_IDP);
            case "missing_role_or_group" -> Optional.of(FIX_GRANTS);
            case "organization_disabled", "provisioning_failed" -> Optional.of(CONTACT_PROVIDER);
            case "existing_account" -> Optional.of(SIGN_IN_WITH_EXISTING_ACCOUNT);
            case "email_changed" -> Optional.of(KEEP_THE_IDP_EMAIL);
            case "domain_of_another_organization" -> Optional.of(REVOKE_OTHER_ORGANIZATIONS_ADDRESS);
            case "username_taken" -> Optional.of(UNIQUE_USERNAME_AT_IDP);
            case "mailbox_unproven" -> Optional.of(CONFIGURE_MAIL);
            case "rate_limited" -> Optional.of(WAIT_OR_ASK_PROVIDER);
            default -> Optional.empty();
        };
    }
}
