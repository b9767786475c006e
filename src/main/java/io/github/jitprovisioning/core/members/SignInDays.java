package io.github.jitprovisioning.core.members;

/**
 * The once-a-day rule of the sign-in record: a sign-in is written only when the stored day (days since the epoch,
 * UTC) is not today's, so an ordinary login on a day the member already signed in costs one read and no write. The
 * last sign-in is therefore known to the day: the time stored is that of the day's first sign-in.
 */
public final class SignInDays {

    private static final long DAY_MILLIS = 86_400_000L;

    private SignInDays() {
    }

    /** The UTC day of an epoch-millisecond time. */
    public static long day(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MILLIS);
    }

    /** Whether a sign-in at {@code now} must be written over the stored day ({@code null}: never signed in). */
    public static boolean mustWrite(Long storedDay, long now) {
        return storedDay == null || storedDay != day(now);
    }

    /**
     * Whether a member is "not signed in for {@code days} days" at {@code now}: the last SSO sign-in, or where there
     * is none the time the member joined (or was first recorded), is at least that many days ago.
     */
    public static boolean inactiveFor(Long lastSignIn, long joinedOrRecorded, long days, long now) {
        long since = lastSignIn != null ? lastSignIn : joinedOrRecorded;
        return now - since >= days * DAY_MILLIS;
    }
}
