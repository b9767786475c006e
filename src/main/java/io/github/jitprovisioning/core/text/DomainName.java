package io.github.jitprovisioning.core.text;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalizes domain names the way every lookup and comparison of this extension needs them: lower-case ASCII,
 * internationalized labels in punycode.
 *
 * <p>The JDK implements IDNA2003 ({@link IDN}, with nameprep), not the UTS-46 mapping that browsers and
 * Keycloak's admin console users may expect; it is the closest the JDK has. Nameprep <em>maps</em>: full-width
 * letters ({@code ａｃｍｅ}) to ASCII, ideographic full stops ({@code 。}) to dots, {@code ß} to {@code ss},
 * final sigma to sigma. Accepting such a mapping would judge {@code acme.com} while Keycloak stores the raw
 * look-alike next to the real {@code acme.com} accounts, so a domain is accepted only when it is faithful to its
 * ASCII form: every ASCII label equal to it up to case, every other label a proper U-label that the ASCII form
 * converts back to (up to case), labels separated by ASCII dots only. Characters that nameprep would silently
 * delete (zero-width spaces, soft hyphens, variation selectors) are rejected as well, so an invisible or mapped
 * character can never make two different strings equal.
 */
public final class DomainName {

    /** RFC 1035: 255 octets on the wire, which is 253 characters of text without the root dot. */
    static final int MAX_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;
    private static final String ACE_PREFIX = "xn--";
    private static final String WILDCARD_PREFIX = "*.";
    /** Cheap guard before IDNA work; any longer input cannot produce a 253-character name. */
    private static final int MAX_RAW_LENGTH = 1024;

    private DomainName() {
    }

    /**
     * Normalizes a domain: Unicode lower-casing ({@link Locale#ROOT}), IDNA to ASCII with the STD3 rules, at most
     * one trailing dot removed.
     *
     * @param raw the domain as received; it is not trimmed
     * @return the lower-case ASCII domain, or empty when {@code raw} is {@code null} or not a valid email
     *         domain: whitespace, control or invisible characters anywhere; a label that is empty, longer than
     *         63 characters, not letters-digits-hyphens or starting or ending with a hyphen; a malformed
     *         {@code xn--} label; more than 253 characters; a single label (a top-level domain alone); an
     *         all-numeric last label (an IPv4 address is not a domain, RFC 3696 section 2); a label that IDNA
     *         maps to another one instead of converting it faithfully (full-width letters, ideographic full stops,
     *         {@code ß}, final sigma, decomposed accents)
     */
    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_RAW_LENGTH || InvisibleText.containsAny(raw)) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(raw.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        return isValidAscii(ascii) && isFaithful(raw, ascii) ? Optional.of(ascii) : Optional.empty();
    }

    /**
     * Whether {@code ascii} is what {@code raw} says, not what IDNA mapped it to: the same labels between ASCII
     * dots (one trailing dot aside), each ASCII label equal up to case, each other label a U-label that its
     * ASCII form converts back to.
     */
    private static boolean isFaithful(String raw, String ascii) {
        String withoutDot = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        String[] rawLabels = withoutDot.split("\\.", -1);
        String[] asciiLabels = ascii.split("\\.", -1);
        if (rawLabels.length != asciiLabels.length) {
            return false;
        }
        for (int i = 0; i < rawLabels.length; i++) {
            boolean plain = rawLabels[i].chars().allMatch(c -> c < 0x80);
            String label = rawLabels[i].toLowerCase(Locale.ROOT);
            if (plain ? !label.equals(asciiLabels[i]) : !isULabelOf(label, asciiLabels[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isULabelOf(String unicodeLabel, String asciiLabel) {
        return asciiLabel.startsWith(ACE_PREFIX)
                && IDN.toUnicode(asciiLabel, IDN.USE_STD3_ASCII_RULES).equals(unicodeLabel);
    }

    /**
     * Normalizes an organization domain as Keycloak stores it: an exact domain ({@code acme.com}) or a wildcard
     * ({@code *.acme.com}, meaning the domain and all its sub-domains).
     *
     * @return the normalized exact domain, or {@code *.} followed by the normalized domain; empty when the
     *         input is {@code null} or the domain part does not {@link #normalize(String) normalize}
     */
    public static Optional<String> normalizePattern(String registered) {
        if (registered == null) {
            return Optional.empty();
        }
        if (registered.startsWith(WILDCARD_PREFIX)) {
            return normalize(registered.substring(WILDCARD_PREFIX.length())).map(WILDCARD_PREFIX::concat);
        }
        return normalize(registered);
    }

    private static boolean isValidAscii(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_LENGTH) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!isLdhLabel(label) || !isWellFormedAceLabel(label)) {
                return false;
            }
        }
        return !isAllDigits(labels[labels.length - 1]);
    }

    private static boolean isLdhLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH
                || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ldh) {
                return false;
            }
        }
        return true;
    }

    /** An {@code xn--} label must be real punycode that converts back to itself. */
    private static boolean isWellFormedAceLabel(String label) {
        if (!label.startsWith(ACE_PREFIX)) {
            return true;
        }
        String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
        if (unicode.equals(label)) {
            return false;
        }
        try {
            return IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).equals(label);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isAllDigits(String label) {
        return label.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
