package io.github.jitprovisioning.core.decision;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * The short code that the block page shows and the event records, so that support can find the decision:
 * {@code JIT-} and eight characters of Crockford's base32 (digits and upper-case letters without {@code I},
 * {@code L}, {@code O} and {@code U}), easy to read over the phone. Forty random bits: unique enough to find one
 * login among a day's events, not a secret.
 */
public final class ReferenceCode {

    static final String PREFIX = "JIT-";
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 8;

    private ReferenceCode() {
    }

    /** A new code from a {@link SecureRandom}. */
    public static String generate() {
        return generate(new SecureRandom());
    }

    /** A new code from the given source of randomness (tests pass a seeded one). */
    static String generate(RandomGenerator random) {
        StringBuilder code = new StringBuilder(PREFIX.length() + LENGTH).append(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** Whether {@code code} has the form of a reference code (as generated, upper case). */
    public static boolean isWellFormed(String code) {
        if (code == null || code.length() != PREFIX.length() + LENGTH || !code.startsWith(PREFIX)) {
            return false;
        }
        return code.substring(PREFIX.length()).chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }
}
