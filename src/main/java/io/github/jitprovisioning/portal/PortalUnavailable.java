package io.github.jitprovisioning.portal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What the portal answers on a Keycloak without organization groups (before 26.6): the organization's admin group
 * is an organization group, so the portal cannot work there. A clear answer instead of a server error.
 */
final class PortalUnavailable {

    static final String MESSAGE = "The JIT self-service portal needs Keycloak 26.6 or later (organization groups).";

    @GET
    public Response root() {
        return answer();
    }

    @GET
    @Path("{any: .*}")
    public Response any() {
        return answer();
    }

    private static Response answer() {
        return Response.status(Response.Status.NOT_IMPLEMENTED).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .entity(MESSAGE).build();
    }
}
