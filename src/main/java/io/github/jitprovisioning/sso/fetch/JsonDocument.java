package io.github.jitprovisioning.sso.fetch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jitprovisioning.core.sso.InvalidDocumentException;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a fetched JSON document (an OIDC discovery document) into plain maps and lists for core.sso.OidcDiscovery,
 * with Jackson (provided by Keycloak), bounded nesting and string length, and no duplicate keys.
 */
public final class JsonDocument {

    /** Deeper than any discovery document; a deeper one is garbage or an attack on the parser. */
    static final int MAX_DEPTH = 32;
    /** Longer than any URL or value of a discovery document. */
    static final int MAX_STRING = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonDocument() {
    }

    /**
     * @return the top-level JSON object: values are String, Number, Boolean, null, List and Map
     * @throws InvalidDocumentException {@link InvalidDocumentException#NOT_JSON} in plain words (never the document)
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] json) throws InvalidDocumentException {
        if (json == null || json.length == 0) {
            throw notJson("The document is empty.");
        }
        Object value;
        try {
            value = MAPPER.readValue(json, Object.class);
        } catch (StreamConstraintsException e) {
            throw notJson("The document is not a usable JSON document: it is nested too deeply or holds a value that"
                    + " is too long.");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw notJson("The document is not valid JSON" + where + ". Check that the address is your IdP's discovery document"
                    + " and not a sign-in or error page.");
        } catch (IOException e) {
            throw notJson("The document could not be read as JSON.");
        }
        if (!(value instanceof Map<?, ?>)) {
            throw notJson("The document is JSON but not one JSON object; a discovery document is an object"
                    + " ({ ... }).");
        }
        return (Map<String, Object>) value;
    }

    private static InvalidDocumentException notJson(String message) {
        return new InvalidDocumentException(InvalidDocumentException.NOT_JSON, message);
    }
}
