package io.github.jitprovisioning.portal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jitprovisioning.core.portal.PortalInput;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request body of the portal's API, read strictly: {@code Content-Type: application/json}, at most
 * {@link PortalInput#MAX_BODY_BYTES}, valid UTF-8, one JSON object without duplicate keys, and only the fields the
 * endpoint knows (an unknown field is named in the 400, never ignored). Every refusal is the API's
 * {@code {"error","message"}} form.
 */
final class JsonBody {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private final ObjectNode json;

    private JsonBody(ObjectNode json) {
        this.json = json;
    }

    /** The body as an object whose fields are all in {@code known}, or a refusal. */
    static JsonBody read(KeycloakSession session, byte[] body, Set<String> known) {
        requireJsonType(session);
        if (body == null || body.length == 0) {
            throw invalid("a JSON object is required");
        }
        if (body.length > PortalInput.MAX_BODY_BYTES) {
            throw ApiResponses.refuse(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "the body is larger than " + PortalInput.MAX_BODY_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("the body is not valid UTF-8");
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            String duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? ": " + e.getOriginalMessage() : "";
            throw invalid("the body is not valid JSON" + duplicate);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw invalid("the body must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiResponses.refuse(Response.Status.BAD_REQUEST, "unknown_field", "unknown field "
                    + quoted(unknown.get(0)) + "; this request takes " + String.join(", ", known.stream().sorted().toList()));
        }
        return new JsonBody(object);
    }

    /** A required, non-blank string field, checked by {@code refusal} (e.g. {@link PortalInput#textRefusal}). */
    String text(String field, java.util.function.Function<String, Optional<String>> refusal) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw invalid(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + " must be a non-empty string");
        }
        return checked(field, value.asText(), refusal);
    }

    /** An optional string field ({@code null} when absent, null or blank), checked by {@code refusal}. */
    String optionalText(String field, java.util.function.Function<String, Optional<String>> refusal) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText().isBlank() ? null : checked(field, value.asText(), refusal);
    }

    /** An optional boolean field ({@code null} when absent). */
    Boolean optionalBoolean(String field) {
        JsonNode value = json.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw invalid(field + " must be true or false");
        }
        return value.asBoolean();
    }

    /** An optional array of strings ({@code null} when absent), at most {@link PortalInput#MAX_LIST_ENTRIES}. */
    List<String> optionalStrings(String field) {
        JsonNode array = json.get(field);
        if (array == null) {
            return null;
        }
        if (!array.isArray()) {
            throw invalid(field + " must be an array of strings");
        }
        if (array.size() > PortalInput.MAX_LIST_ENTRIES) {
            throw invalid(field + " has more than " + PortalInput.MAX_LIST_ENTRIES + " entries");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw invalid(field + " must be an array of strings");
            }
            values.add(checked(field, value.asText(), PortalInput::textRefusal));
        }
        return values;
    }

    private static String checked(String field, String value, java.util.function.Function<String, Optional<String>> refusal) {
        Optional<String> why = refusal.apply(value);
        if (why.isPresent()) {
            throw invalid(field + " " + why.get());
        }
        return value;
    }

    private static void requireJsonType(KeycloakSession session) {
        MediaType type = session.getContext().getRequestHeaders().getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardType()
                || type.isWildcardSubtype()) {
            throw ApiResponses.refuse(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the body must be application/json");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw ApiResponses.refuse(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the body must be UTF-8");
        }
    }

    private static String quoted(String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    static jakarta.ws.rs.WebApplicationException invalid(String message) {
        return ApiResponses.refuse(Response.Status.BAD_REQUEST, "invalid_request", message);
    }
}
