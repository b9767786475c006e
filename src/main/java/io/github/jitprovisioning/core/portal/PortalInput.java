package io.github.jitprovisioning.core.portal;

import io.github.jitprovisioning.core.text.EmailAddress;
import io.github.jitprovisioning.core.text.StorableText;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The bounds of what the self-service portal's API accepts, so that no field is stored, mailed or searched without
 * a limit. Names as Keycloak's default user profile checks {@code firstName} and {@code lastName} (at most 255
 * characters, none of its person-name prohibited characters), and never a control or format character
 * ({@link StorableText}); e-mail addresses per RFC 5321 ({@link EmailAddress}: a local part of at most 64 octets, at
 * most 254 in all); any other text at most 255 characters; lists at most 100 entries; a request body at most 16 KiB;
 * the decision log's {@code max} a whole number from 1 to {@value #MAX_DECISIONS}.
 */
public final class PortalInput {

    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_TEXT_LENGTH = 255;
    public static final int MAX_LIST_ENTRIES = 100;
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_DECISIONS = 500;
    public static final int DEFAULT_DECISIONS = 100;

    /** The characters Keycloak's {@code person-name-prohibited-characters} validator refuses in names by default. */
    static final String PERSON_NAME_PROHIBITED = "<>&\"$%!#?§;*~/\\|^=[]{}()";

    private PortalInput() {
    }

    /** Why {@code value} cannot be a person's first or last name, or empty when it can. */
    public static Optional<String> personNameRefusal(String value) {
        if (value.length() > MAX_NAME_LENGTH) {
            return Optional.of("is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (PERSON_NAME_PROHIBITED.indexOf(c) >= 0) {
                return Optional.of("contains '" + c + "', which names may not contain");
            }
        }
        return StorableText.refusal(value);
    }

    /** Why {@code value} cannot be a short text field (an id, a search, a filter), or empty when it can. */
    public static Optional<String> textRefusal(String value) {
        if (value.length() > MAX_TEXT_LENGTH) {
            return Optional.of("is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return StorableText.refusal(value);
    }

    /** Why {@code value} cannot be an address to invite, or empty when it can (RFC 5321 lengths, rule 3's syntax). */
    public static Optional<String> emailRefusal(String value) {
        if (value.length() > EmailAddress.MAX_ADDRESS_LENGTH) {
            return Optional.of("is longer than " + EmailAddress.MAX_ADDRESS_LENGTH + " characters");
        }
        return EmailAddress.parse(value.trim()).isPresent() ? Optional.empty()
                : Optional.of("is not an e-mail address (at most 64 characters before the @, a domain after it)");
    }

    /**
     * The decision log's {@code max}: absent is {@value #DEFAULT_DECISIONS}; a whole number from 1 to
     * {@value #MAX_DECISIONS} is itself; anything else is empty (a refusal).
     */
    public static OptionalInt decisionsMax(String raw) {
        if (raw == null) {
            return OptionalInt.of(DEFAULT_DECISIONS);
        }
        String value = raw.trim();
        if (value.isEmpty() || value.length() > 3 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int max = Integer.parseInt(value);
        return max >= 1 && max <= MAX_DECISIONS ? OptionalInt.of(max) : OptionalInt.empty();
    }
}
