package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.core.domains.DomainClaim;
import io.github.jitprovisioning.core.domains.DomainClaimRequest;
import io.github.jitprovisioning.core.domains.TxtRecords;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A claim as the REST API and the portal show it: the record to publish and the state with its times. */
public record DomainView(String domain, String state, String recordName, String recordType, String recordValue,
                         Instant createdAt, Instant pendingUntil, Instant verifiedAt, Instant failedAt,
                         Instant lastCheckedAt, String lastCheck, int negativeAnswers, boolean verifiedByHand) {

    static DomainView of(DomainClaim claim, String prefix, java.time.Duration pendingPeriod) {
        return new DomainView(claim.domain(), claim.state().code(), DomainClaimRequest.recordName(prefix, claim.domain()),
                "TXT", TxtRecords.expectedValue(claim.token()), claim.createdAt(),
                claim.state().code().equals("pending") ? claim.pendingSince().plus(pendingPeriod) : null,
                claim.verifiedAt(), claim.failedAt(), claim.lastCheckedAt(),
                claim.lastOutcome() == null ? null : claim.lastOutcome().code(), claim.negatives(),
                claim.verifiedByHand());
    }

    /** JSON-ready map (times as ISO-8601, absent values left out). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("domain", domain);
        map.put("state", state);
        Map<String, String> record = new LinkedHashMap<>();
        record.put("name", recordName);
        record.put("type", recordType);
        record.put("value", recordValue);
        map.put("record", record);
        put(map, "createdAt", createdAt);
        put(map, "pendingUntil", pendingUntil);
        put(map, "verifiedAt", verifiedAt);
        put(map, "failedAt", failedAt);
        put(map, "lastCheckedAt", lastCheckedAt);
        if (lastCheck != null) {
            map.put("lastCheck", lastCheck);
        }
        map.put("negativeAnswers", negativeAnswers);
        map.put("verifiedByHand", verifiedByHand);
        return map;
    }

    private static void put(Map<String, Object> map, String key, Instant value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }
}
