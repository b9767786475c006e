package io.github.jitprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.broker.oidc.mappers.AbstractClaimMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLEndpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the claims of this login from the brokered context, as Keycloak's own attribute importers do: for a SAML
 * IdP the attributes of the assertion, matched by name or friendly name; otherwise the validated access token,
 * the validated ID token and the UserInfo (or social profile) JSON, in that order, with {@code a.b} for nested
 * claims. Values become strings; a list or JSON array gives one value per element.
 */
final class ClaimReader {

    private ClaimReader() {
    }

    /** The values of the named claims; a claim this login does not carry has no key. */
    static Map<String, List<String>> read(BrokeredIdentityContext context, Collection<String> claims) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Object assertion = context.getContextData().get(SAMLEndpoint.SAML_ASSERTION);
        SamlAttributes saml = assertion == null ? null
                : SamlAttributes.parse(context.getIdp().getMarshaller().serialize(assertion));
        for (String claim : claims) {
            List<String> found = saml != null ? saml.get(claim)
                    : strings(AbstractClaimMapper.getClaimValue(context, claim));
            if (!found.isEmpty()) {
                values.put(claim, found);
            }
        }
        return values;
    }

    static List<String> strings(Object value) {
        List<String> values = new ArrayList<>();
        add(values, value);
        return values;
    }

    private static void add(List<String> values, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> many) {
            many.forEach(element -> add(values, element));
        } else if (value instanceof JsonNode json) {
            if (json.isArray()) {
                json.forEach(element -> add(values, element));
            } else if (json.isValueNode()) {
                if (!json.isNull()) {
                    values.add(json.asText());
                }
            } else {
                values.add(json.toString());
            }
        } else {
            values.add(value.toString());
        }
    }
}
