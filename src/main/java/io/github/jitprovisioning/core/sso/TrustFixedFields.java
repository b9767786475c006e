package io.github.jitprovisioning.core.sso;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer may say about their IdP, and what the server fixes whatever the request says. A request that
 * names a fixed setting (to raise trust or to keep it as the server sets it) is refused as a whole, so that a client
 * never believes it set what the server ignored.
 */
public final class TrustFixedFields {

    /** The fields of a create or update request of an OIDC IdP. */
    public static final Set<String> OIDC_FIELDS = Set.of("protocol", "displayName", "discoveryUrl", "clientId",
            "clientSecret", "scopes");

    /** Fixed by the server, with what it is fixed to (shown in the refusal). */
    public static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("trustEmail", "off"),
            Map.entry("storeToken", "off"),
            Map.entry("linkOnly", "off"),
            Map.entry("mappers", "only the name and email importers and the JIT profile sync"),
            Map.entry("firstBrokerLoginFlowAlias", "the realm's JIT first login flow"),
            Map.entry("postBrokerLoginFlowAlias", "none"),
            Map.entry("syncMode", "the realm's sync mode"),
            Map.entry("alias", "chosen by the server"),
            Map.entry("validateSignature", "on"),
            Map.entry("pkceEnabled", "on (S256)"),
            Map.entry("config", "derived from the discovery document"));

    /** Every field a request may name: the known ones and the fixed ones (which are refused with their reason). */
    public static final Set<String> ACCEPTED_NAMES;

    static {
        java.util.HashSet<String> names = new java.util.HashSet<>(OIDC_FIELDS);
        names.addAll(FIXED.keySet());
        ACCEPTED_NAMES = Set.copyOf(names);
    }

    private TrustFixedFields() {
    }

    /** The refusal of a request that names a fixed field, or empty. */
    public static Optional<String> refusal(Iterable<String> namedFields) {
        for (String field : List.copyOf(toList(namedFields)).stream().sorted().toList()) {
            String fixed = FIXED.get(field);
            if (fixed != null) {
                return Optional.of(field + " is fixed by the server (" + fixed + ") and cannot be requested");
            }
        }
        return Optional.empty();
    }

    private static List<String> toList(Iterable<String> values) {
        List<String> list = new java.util.ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
