package io.github.jitprovisioning.core.text;

/**
 * Finds characters that have no place in an email address or a domain as a user sees it: whitespace, control
 * characters, and invisible characters that IDNA would silently delete (so that {@code ac\u200Bme.com} cannot
 * pass for {@code acme.com}).
 */
final class InvisibleText {

    private InvisibleText() {
    }

    /** Whether {@code text} holds whitespace, a control, format or invisible character, or a lone surrogate. */
    static boolean containsAny(String text) {
        return text.codePoints().anyMatch(InvisibleText::isInvisible);
    }

    private static boolean isInvisible(int cp) {
        return Character.isWhitespace(cp)
                || Character.isSpaceChar(cp)
                || Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT
                || Character.getType(cp) == Character.SURROGATE
                || isMappedToNothing(cp);
    }

    /** The non-format characters of RFC 3454 table B.1, which nameprep deletes. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x034F
                || cp == 0x1806
                || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0xFE00 && cp <= 0xFE0F);
    }
}
