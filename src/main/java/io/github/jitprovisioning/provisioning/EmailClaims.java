package io.github.jitprovisioning.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads {@code email_verified} from the same token that carried the email Keycloak took for the user (rule 4:
 * both claims must come from one token). The OIDC broker keeps the validated ID token, the validated access
 * token and the UserInfo response in the brokered context; the first of them whose {@code email} equals the
 * brokered email decides. SAML assertions and other providers carry no such claim: for them only the IdP's
 * "Trust Email" switch can vouch for the address.
 */
public final class EmailClaims {

    static final String VALIDATED_ID_TOKEN = "VALIDATED_ID_TOKEN";
    static final String VALIDATED_ACCESS_TOKEN = "VALIDATED_ACCESS_TOKEN";
    static final String USER_INFO = "UserInfo";

    private EmailClaims() {
    }

    public static boolean emailVerifiedClaim(BrokeredIdentityContext context) {
        String email = context.getEmail();
        if (email == null) {
            return false;
        }
        Map<String, Object> data = context.getContextData();
        return Stream.of(data.get(VALIDATED_ID_TOKEN), data.get(USER_INFO), data.get(VALIDATED_ACCESS_TOKEN))
                .filter(Objects::nonNull)
                .map(EmailClaims::claims)
                .filter(claims -> email.equals(claims.email()))
                .findFirst()
                .map(Claims::verified)
                .orElse(false);
    }

    private record Claims(String email, boolean verified) {
    }

    private static Claims claims(Object token) {
        if (token instanceof IDToken id && id.getEmail() != null) {
            return new Claims(id.getEmail(), Boolean.TRUE.equals(id.getEmailVerified()));
        }
        if (token instanceof JsonWebToken jwt) {
            Map<String, Object> other = jwt.getOtherClaims();
            Object email = other.get("email");
            return new Claims(email == null ? null : email.toString(), isTrue(other.get("email_verified")));
        }
        if (token instanceof JsonNode json) {
            JsonNode email = json.get("email");
            JsonNode verified = json.get("email_verified");
            return new Claims(email == null || !email.isTextual() ? null : email.asText(),
                    verified != null && (verified.isBoolean() ? verified.asBoolean() : "true".equals(verified.asText())));
        }
        return new Claims(null, false);
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equals(value.toString());
    }
}
