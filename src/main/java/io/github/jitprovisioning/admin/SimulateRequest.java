package io.github.jitprovisioning.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a simulate call: {@code {"identityProvider": "acme-sso", "email": "jane@acme.com",
 * "emailVerified": true}}. {@code email} may be absent or null (a login without an email claim);
 * {@code emailVerified} defaults to {@code false}, as a missing claim does; {@code username} (optional) is the
 * brokered username (the IdP's, or what the IdP's username mapper makes of it), so that the answer can say
 * {@code username_taken} or {@code existing_account} as a real login would.
 */
record SimulateRequest(String identityProvider, String email, boolean emailVerified, String username) {

    static final String IDENTITY_PROVIDER = "identityProvider";
    static final String EMAIL = "email";
    static final String EMAIL_VERIFIED = "emailVerified";
    static final String USERNAME = "username";
    private static final Set<String> FIELDS = Set.of(IDENTITY_PROVIDER, EMAIL, EMAIL_VERIFIED, USERNAME);

    SimulateRequest(String identityProvider, String email, boolean emailVerified) {
        this(identityProvider, email, emailVerified, null);
    }
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown for a body that is not a valid request; the message is safe to return to the caller. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static SimulateRequest parse(String body) throws Invalid {
        if (body == null || body.isBlank()) {
            throw new Invalid("a JSON object is required: {\"identityProvider\": ..., \"email\": ..., \"emailVerified\": ...}");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Invalid("the body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("the body must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        json.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new Invalid("unknown field(s) " + unknown + "; expected identityProvider, email, emailVerified, username");
        }
        JsonNode idp = json.get(IDENTITY_PROVIDER);
        if (idp == null || !idp.isTextual() || idp.asText().isBlank()) {
            throw new Invalid("identityProvider (the IdP alias) is required and must be a string");
        }
        JsonNode email = json.get(EMAIL);
        if (email != null && !email.isNull() && !email.isTextual()) {
            throw new Invalid("email must be a string or null");
        }
        JsonNode verified = json.get(EMAIL_VERIFIED);
        if (verified != null && !verified.isNull() && !verified.isBoolean()) {
            throw new Invalid("emailVerified must be true or false");
        }
        JsonNode username = json.get(USERNAME);
        if (username != null && !username.isNull() && !username.isTextual()) {
            throw new Invalid("username must be a string or null");
        }
        return new SimulateRequest(idp.asText(), email == null || email.isNull() ? null : email.asText(),
                verified != null && verified.asBoolean(), username == null || username.isNull() ? null : username.asText());
    }
}
