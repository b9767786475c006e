package io.github.jitprovisioning.core.members;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInDaysTest {

    private static final long DAY = 86_400_000L;
    private static final long NOON = 20_000 * DAY + DAY / 2;

    @Test
    void aSecondSignInOnTheSameUtcDayIsNotWritten() {
        long stored = SignInDays.day(NOON);
        assertThat(SignInDays.mustWrite(stored, NOON + 3_600_000)).isFalse();
        assertThat(SignInDays.mustWrite(stored, 20_001 * DAY - 1)).as("last millisecond of the day").isFalse();
    }

    @Test
    void theFirstSignInOfADayAndTheFirstEverAreWritten() {
        assertThat(SignInDays.mustWrite(null, NOON)).isTrue();
        assertThat(SignInDays.mustWrite(SignInDays.day(NOON), 20_001 * DAY)).as("midnight UTC").isTrue();
        assertThat(SignInDays.mustWrite(SignInDays.day(NOON), NOON - DAY)).as("a clock set back").isTrue();
    }

    @Test
    void inactivityCountsFromTheLastSignInOrElseFromJoining() {
        assertThat(SignInDays.inactiveFor(NOON - 30 * DAY, NOON, 30, NOON)).isTrue();
        assertThat(SignInDays.inactiveFor(NOON - 30 * DAY + 1, NOON, 30, NOON)).isFalse();
        assertThat(SignInDays.inactiveFor(null, NOON - 31 * DAY, 30, NOON)).as("joined, never signed in").isTrue();
        assertThat(SignInDays.inactiveFor(null, NOON - DAY, 30, NOON)).isFalse();
    }

    @Test
    void originsReadBackFromTheirCodesAndAnythingElseIsUnknown() {
        for (MemberOrigin origin : MemberOrigin.values()) {
            assertThat(MemberOrigin.of(origin.code())).isEqualTo(origin);
        }
        assertThat(MemberOrigin.of("scim")).isEqualTo(MemberOrigin.UNKNOWN);
        assertThat(MemberOrigin.of(null)).isEqualTo(MemberOrigin.UNKNOWN);
    }
}
