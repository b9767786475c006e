package io.github.jitprovisioning.it.harness;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Status, headers and body of one HTTP exchange with the admin API. */
public record HttpResult(int status, HttpHeaders headers, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public Optional<String> location() {
        return headers.firstValue("Location");
    }

    /** The id of a created resource: the last path segment of the Location header. */
    public String createdId() {
        String location = location().orElseThrow(
                () -> new IllegalStateException("no Location header (status " + status + "): " + Json.abbreviate(body)));
        String path = URI.create(location).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public JsonNode json() {
        return Json.parse(body);
    }
}
