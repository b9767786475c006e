package io.github.jitprovisioning.core.domains;

import java.util.Random;

/**
 * A verification token: 160 random bits in base32 (RFC 4648 alphabet, lower case, no padding), 32 characters. Not
 * derivable from the organization or the domain, so that nobody can publish a record before the claim exists.
 */
public final class VerificationToken {

    static final int BITS = 160;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private VerificationToken() {
    }

    /** A new token from {@code random} (a {@link java.security.SecureRandom} in production). */
    public static String generate(Random random) {
        byte[] bytes = new byte[BITS / 8];
        random.nextBytes(bytes);
        return base32(bytes);
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
