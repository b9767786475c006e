package io.github.jitprovisioning.provisioning;

import io.github.jitprovisioning.core.text.EmailAddress;
import io.github.jitprovisioning.core.decision.LoginFacts;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Objects;
import java.util.Optional;

/**
 * The claims that the check step judged, kept in the authentication session for the provisioning step: Keycloak's
 * Review Profile form may change the brokered context's email in between, but the re-check must judge what the IdP
 * asserted, and the account must end with that address.
 */
public final class JudgedClaims {

    private static final String EMAIL = "jit.judged.email";
    private static final String VERIFIED = "jit.judged.email-verified";

    private JudgedClaims() {
    }

    public static void save(AuthenticationSessionModel authSession, LoginFacts login) {
        if (login.email() == null) {
            authSession.removeAuthNote(EMAIL);
        } else {
            authSession.setAuthNote(EMAIL, login.email());
        }
        authSession.setAuthNote(VERIFIED, String.valueOf(login.emailVerifiedClaim()));
    }

    /**
     * The judged claims, with the IdP and its "Trust Email" switch read afresh; the brokered context's own claims when
     * the check step saved none (a login that started before an upgrade).
     */
    public static LoginFacts load(AuthenticationSessionModel authSession, BrokeredIdentityContext brokerContext) {
        boolean trustEmail = Boolean.TRUE.equals(brokerContext.getIdpConfig().isTrustEmail());
        String alias = brokerContext.getIdpConfig().getAlias();
        String verified = authSession.getAuthNote(VERIFIED);
        if (verified == null) {
            EmailClaims.Asserted asserted = EmailClaims.asserted(brokerContext);
            return new LoginFacts(alias, asserted.email(), asserted.verified(), trustEmail);
        }
        return new LoginFacts(alias, authSession.getAuthNote(EMAIL), Boolean.parseBoolean(verified), trustEmail);
    }

    /**
     * The address Keycloak should store for a judged claim: the normalized one (lower case, the domain in ASCII, no
     * trailing dot), or empty when the claim is no plain address.
     */
    public static Optional<String> normalizedAddress(String claim) {
        return EmailAddress.parse(claim).map(EmailAddress::address);
    }

    /** Whether {@code stored} is the judged address, case aside (the forms an address can take normalized). */
    public static boolean isJudgedAddress(String stored, String judgedClaim) {
        Optional<String> judged = normalizedAddress(judgedClaim);
        return judged.isPresent() && Objects.equals(normalizedAddress(stored), judged);
    }
}
