package io.github.jitprovisioning.core.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The secrets of the portal (setup links, session cookies, CSRF tokens): 160 random bits in lower-case base32
 * (32 characters, safe in a URL and a cookie). Only their SHA-256 is ever stored.
 */
public final class PortalToken {

    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    static final int LENGTH = 32; // 32 x 5 bits = 160 bits
    private static final SecureRandom RANDOM = new SecureRandom();

    private PortalToken() {
    }

    public static String generate() {
        return generate(RANDOM);
    }

    static String generate(RandomGenerator random) {
        StringBuilder token = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    /** Whether the text has the form of a token; anything else is refused before any lookup. */
    public static boolean isWellFormed(String token) {
        return token != null && token.length() == LENGTH && token.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    /** The stored form: SHA-256, hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Compares two hashes in constant time. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
