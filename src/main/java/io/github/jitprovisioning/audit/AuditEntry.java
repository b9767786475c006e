package io.github.jitprovisioning.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jitprovisioning.provisioning.JitRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JIT decision as the audit log writes it: a snapshot of the event taken when the listener sees it (the
 * event object is reused by Keycloak), turned into one JSON line. Only the JIT details are copied, by name:
 * never the username, the full email, a token or a claim.
 *
 * @param details the event's details; only the JIT keys of {@link JitRecord} are read
 */
record AuditEntry(long time, String realm, String eventType, String eventId, String clientId, String userId,
                  Map<String, String> details) {

    private static final ObjectMapper JSON = new ObjectMapper();

    AuditEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** An entry for an event that carries a JIT decision ({@code jit_outcome}), otherwise empty. */
    static Optional<AuditEntry> of(long time, String realm, String eventType, String eventId, String clientId,
                                   String userId, Map<String, String> details) {
        if (details == null || blank(details.get(JitRecord.OUTCOME))) {
            return Optional.empty();
        }
        Map<String, String> jit = new LinkedHashMap<>();
        for (String key : List.of(JitRecord.OUTCOME, JitRecord.REASON, JitRecord.REFERENCE, JitRecord.ORGANIZATION,
                JitRecord.ORGANIZATION_ID, JitRecord.IDENTITY_PROVIDER, JitRecord.EMAIL_DOMAIN, JitRecord.ROLES,
                JitRecord.GROUPS, JitRecord.SYNCED_FIELDS, JitRecord.WARNINGS, JitRecord.MODE)) {
            String value = details.get(key);
            if (!blank(value)) {
                jit.put(key, value);
            }
        }
        return Optional.of(new AuditEntry(time, realm, eventType, eventId, clientId, userId, jit));
    }

    String outcome() {
        return details.get(JitRecord.OUTCOME);
    }

    String reason() {
        return details.get(JitRecord.REASON);
    }

    /** A refusal that report-only let go on as the stock flow would. */
    boolean letThrough() {
        return "blocked".equals(outcome()) && "report-only".equals(details.get(JitRecord.MODE));
    }

    /** The JSON line: fixed key order, absent values left out, lists as arrays, one line whatever the input. */
    String toJson() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.ofEpochMilli(time).toString());
        put(line, "realm", realm);
        put(line, "event_type", eventType);
        put(line, "event_id", eventId);
        put(line, "outcome", outcome());
        put(line, "reason", reason());
        put(line, "reference", details.get(JitRecord.REFERENCE));
        put(line, "organization", details.get(JitRecord.ORGANIZATION));
        put(line, "organization_id", details.get(JitRecord.ORGANIZATION_ID));
        put(line, "identity_provider", details.get(JitRecord.IDENTITY_PROVIDER));
        put(line, "email_domain", details.get(JitRecord.EMAIL_DOMAIN));
        put(line, "client_id", clientId);
        put(line, "user_id", userId);
        putList(line, "roles", details.get(JitRecord.ROLES), ",");
        putList(line, "groups", details.get(JitRecord.GROUPS), ",");
        putList(line, "synced_fields", details.get(JitRecord.SYNCED_FIELDS), ",");
        putList(line, "warnings", details.get(JitRecord.WARNINGS), "; ");
        put(line, "mode", details.get(JitRecord.MODE));
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static void put(Map<String, Object> line, String key, String value) {
        if (!blank(value)) {
            line.put(key, value);
        }
    }

    private static void putList(Map<String, Object> line, String key, String joined, String separator) {
        if (!blank(joined)) {
            line.put(key, Arrays.stream(joined.split(java.util.regex.Pattern.quote(separator)))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
