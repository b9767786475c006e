package io.github.jitprovisioning.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The email claim as the IdP sent it, and {@code email_verified} from the same token (rule 4: both claims must
 * come from one token). The OIDC broker keeps the validated ID token, the UserInfo response and the validated
 * access token in the brokered context; the first of them whose {@code email} is the address Keycloak took for
 * the user decides. Its raw value is what the rules judge: Keycloak trims the address it keeps, but rule 3 judges
 * the claim as sent. SAML assertions and other providers carry no such claim: for them only the IdP's "Trust
 * Email" switch can vouch for the address.
 */
public final class EmailClaims {

    static final String VALIDATED_ID_TOKEN = "VALIDATED_ID_TOKEN";
    static final String VALIDATED_ACCESS_TOKEN = "VALIDATED_ACCESS_TOKEN";
    static final String USER_INFO = "UserInfo";

    /** The asserted address as sent (or as Keycloak has it, when no token carries it) and whether the same token verified it. */
    public record Asserted(String email, boolean verified) {
    }

    private EmailClaims() {
    }

    public static Asserted asserted(BrokeredIdentityContext context) {
        String email = context.getEmail();
        if (email == null) {
            return new Asserted(null, false);
        }
        Map<String, Object> data = context.getContextData();
        return Stream.of(data.get(VALIDATED_ID_TOKEN), data.get(USER_INFO), data.get(VALIDATED_ACCESS_TOKEN))
                .filter(Objects::nonNull)
                .map(EmailClaims::claims)
                .filter(claims -> claims.email() != null && claims.email().strip().equalsIgnoreCase(email.strip()))
                .findFirst()
                .orElse(new Asserted(email, false));
    }

    /** Whether rule 4's claim holds: {@code email_verified=true} in the token that carried the email. */
    public static boolean emailVerifiedClaim(BrokeredIdentityContext context) {
        return asserted(context).verified();
    }

    private static Asserted claims(Object token) {
        if (token instanceof IDToken id && id.getEmail() != null) {
            return new Asserted(id.getEmail(), Boolean.TRUE.equals(id.getEmailVerified()));
        }
        if (token instanceof JsonWebToken jwt) {
            Map<String, Object> other = jwt.getOtherClaims();
            return new Asserted(Optional.ofNullable(other.get("email")).map(Object::toString).orElse(null),
                    isTrue(other.get("email_verified")));
        }
        if (token instanceof JsonNode json) {
            JsonNode email = json.get("email");
            JsonNode verified = json.get("email_verified");
            return new Asserted(email == null || !email.isTextual() ? null : email.asText(),
                    verified != null && (verified.isBoolean() ? verified.asBoolean() : "true".equals(verified.asText())));
        }
        return new Asserted(null, false);
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equals(value.toString());
    }
}
