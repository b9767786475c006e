package io.github.jitprovisioning.core.text;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a claim value may be stored as a user attribute: no control characters ({@link Character#CONTROL}: NUL,
 * which PostgreSQL cannot store, line breaks, escape), no format characters ({@link Character#FORMAT}:
 * bidirectional overrides such as U+202E, zero-width spaces, soft hyphens), no lone surrogates. One exception, so
 * that names in Persian, Kurdish or Indic scripts survive: the zero-width non-joiner and joiner (U+200C, U+200D)
 * between two letters or marks.
 */
public final class StorableText {

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private StorableText() {
    }

    /** Why {@code value} cannot be stored (e.g. {@code contains U+202E, a format character}), or empty when it can. */
    public static Optional<String> refusal(String value) {
        int[] cps = value.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            int type = Character.getType(cp);
            String kind = switch (type) {
                case Character.CONTROL -> "a control character";
                case Character.FORMAT -> joinerBetweenLetters(cps, i) ? null : "a format character";
                case Character.SURROGATE -> "a lone surrogate";
                default -> null;
            };
            if (kind != null) {
                return Optional.of("contains U+" + String.format(Locale.ROOT, "%04X", cp) + ", " + kind);
            }
        }
        return Optional.empty();
    }

    private static boolean joinerBetweenLetters(int[] cps, int i) {
        return (cps[i] == ZWNJ || cps[i] == ZWJ) && i > 0 && i < cps.length - 1
                && letterOrMark(cps[i - 1]) && letterOrMark(cps[i + 1]);
    }

    private static boolean letterOrMark(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
