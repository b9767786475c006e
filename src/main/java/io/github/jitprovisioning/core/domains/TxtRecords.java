package io.github.jitprovisioning.core.domains;

import java.util.List;

/**
 * Matching of the TXT records found at the challenge name. A TXT record holds one or more character strings (each at
 * most 255 bytes on the wire); the strings of one record are joined without separator, as RFC 7208 does for SPF,
 * and each record is compared on its own, exactly (case-sensitive, no trimming): two records are never joined, and
 * a record that merely contains the expected value does not match.
 */
public final class TxtRecords {

    public static final String VALUE_PREFIX = "keycloak-verification=";

    private TxtRecords() {
    }

    /** The record value an organization publishes for {@code token}. */
    public static String expectedValue(String token) {
        return VALUE_PREFIX + token;
    }

    /** One record's text: its strings joined. */
    public static String join(List<String> strings) {
        return String.join("", strings);
    }

    /**
     * @param records the TXT records found, each as its list of strings
     * @return {@link CheckOutcome#MATCH} when a record equals the expected value, {@link CheckOutcome#WRONG_TOKEN}
     *         when there are records but none equals it, {@link CheckOutcome#NO_RECORD} when there are none
     */
    public static CheckOutcome match(List<List<String>> records, String token) {
        if (records == null || records.isEmpty()) {
            return CheckOutcome.NO_RECORD;
        }
        String expected = expectedValue(token);
        return records.stream().anyMatch(record -> expected.equals(join(record)))
                ? CheckOutcome.MATCH : CheckOutcome.WRONG_TOKEN;
    }
}
