package io.github.jitprovisioning.it.harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The JSON lines that the {@code jit-audit} listener wrote to the server log, read back for assertions. */
public final class AuditLog {

    static final String CATEGORY = "[io.github.jitprovisioning.audit]";

    private AuditLog() {
    }

    /** Every audit line of realm {@code realm} in the server log so far, parsed, oldest first. */
    public static List<JsonNode> lines(KeycloakServer server, String realm) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : server.serverLog().split("\n")) {
            int category = line.indexOf(CATEGORY);
            if (category < 0) {
                continue;
            }
            int json = line.indexOf('{', category);
            if (json < 0) {
                throw new AssertionError("an audit line without JSON: " + line);
            }
            JsonNode parsed = Json.parse(line.substring(json).trim());
            if (realm.equals(parsed.path("realm").asText())) {
                lines.add(parsed);
            }
        }
        return lines;
    }

    public static List<JsonNode> withReference(KeycloakServer server, String realm, String reference) {
        return lines(server, realm).stream().filter(l -> reference.equals(l.path("reference").asText())).toList();
    }
}
