package io.github.jitprovisioning.sso.fetch;

import io.github.jitprovisioning.core.sso.InvalidDocumentException;
import java.util.Map;

/**
 * Reads a fetched JSON document (an OIDC discovery document) into plain maps and lists for core.sso.OidcDiscovery,
 * with Jackson (provided by Keycloak), bounded nesting and string length, and no duplicate keys.
 */
public final class JsonDocument {

    private JsonDocument() {
    }

    /**
     * @return the top-level JSON object: values are String, Number, Boolean, null, List and Map
     * @throws InvalidDocumentException {@link InvalidDocumentException#NOT_JSON} in plain words (never the document)
     */
    public static Map<String, Object> parseObject(byte[] json) throws InvalidDocumentException {
        throw new UnsupportedOperationException("not yet");
    }
}
