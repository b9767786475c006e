package io.github.jitprovisioning.sso.fetch;

/** Sizes and durations in the words of a refusal. */
final class Sizes {

    private Sizes() {
    }

    /** e.g. "1 MiB (1048576 bytes)" or "5000 bytes". */
    static String words(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " MiB (" + bytes + " bytes)";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes / 1024) + " KiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }

    /** e.g. "5 seconds" or "300 milliseconds". */
    static String words(java.time.Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            long seconds = millis / 1000;
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        return millis + " milliseconds";
    }
}
