package io.github.jitprovisioning.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON answers of the portal API: {@code {"error": code, "message": text}} for every refusal, never a 500. */
final class ApiResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {
    }

    static Response ok(Object body) {
        return json(Response.Status.OK, body);
    }

    static Response json(Response.Status status, Object body) {
        return json(status.getStatusCode(), body);
    }

    static Response json(int status, Object body) {
        return PortalHeaders.secure(Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")).build();
    }

    /** 204 with the portal's headers. */
    static Response noContent() {
        return PortalHeaders.secure(Response.noContent().header("Cache-Control", "no-store")).build();
    }

    static Response error(Response.Status status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return json(status, body);
    }

    static WebApplicationException refuse(Response.Status status, String code, String message) {
        return new WebApplicationException(error(status, code, message));
    }
}
