package io.github.jitprovisioning.core.text;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One plain email address, as rule 3 of the decision accepts it.
 *
 * @param localPart the part before {@code @}, exactly as sent (case kept)
 * @param domain    the domain, {@link DomainName#normalize(String) normalized} to lower-case ASCII
 */
public record EmailAddress(String localPart, String domain) {

    /** RFC 5321 section 4.5.3.1.1. */
    static final int MAX_LOCAL_PART_LENGTH = 64;
    /** RFC 5321 section 4.5.3.1.3 (a 256-octet path minus its angle brackets). */
    public static final int MAX_ADDRESS_LENGTH = 254;
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    /**
     * @throws IllegalArgumentException when the parts do not make an address that {@link #parse(String)} accepts
     *                                  with this very domain
     */
    public EmailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (!isDotAtom(localPart) || !DomainName.normalize(domain).equals(Optional.of(domain))
                || localPart.length() + 1 + domain.length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("not a plain email address with a normalized domain");
        }
    }

    /**
     * Parses an email claim as sent: exactly one {@code @}; a non-empty, unquoted local part that is a dot-atom
     * of ASCII {@code atext} characters (RFC 5322) of at most 64 octets; a domain that
     * {@link DomainName#normalize(String) normalizes}; at most 254 octets in all; no whitespace or control
     * characters anywhere (the claim is not trimmed).
     *
     * @return the address, or empty when {@code raw} is {@code null} or not one plain address
     */
    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null || InvisibleText.containsAny(raw)) {
            return Optional.empty();
        }
        int at = raw.indexOf('@');
        if (at < 0 || at != raw.lastIndexOf('@')) {
            return Optional.empty();
        }
        String localPart = raw.substring(0, at);
        if (!isDotAtom(localPart)) {
            return Optional.empty();
        }
        return DomainName.normalize(raw.substring(at + 1))
                .filter(domain -> localPart.length() + 1 + domain.length() <= MAX_ADDRESS_LENGTH)
                .map(domain -> new EmailAddress(localPart, domain));
    }

    /** The whole address in lower case, for invitation lookups and comparisons. */
    public String address() {
        return (localPart + "@" + domain).toLowerCase(Locale.ROOT);
    }

    private static boolean isDotAtom(String localPart) {
        if (localPart.isEmpty() || localPart.length() > MAX_LOCAL_PART_LENGTH
                || localPart.startsWith(".") || localPart.endsWith(".") || localPart.contains("..")) {
            return false;
        }
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 atext, ASCII only; a quote ({@code "}) is not atext, so quoted local parts are refused. */
    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ATEXT_SYMBOLS.indexOf(c) >= 0;
    }
}
