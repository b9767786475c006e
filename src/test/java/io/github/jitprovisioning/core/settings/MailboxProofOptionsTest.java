package io.github.jitprovisioning.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MailboxProofOptionsTest {

    @Test
    void anUnconfiguredStepHasFifteenMinuteLinksAndThreeResends() {
        RecordingProblems problems = new RecordingProblems();
        assertThat(MailboxProofOptions.fromConfig(null, problems)).isEqualTo(new MailboxProofOptions(15, 3));
        assertThat(MailboxProofOptions.fromConfig(Map.of(MailboxProofOptions.LINK_MINUTES, " "), problems).linkMinutes())
                .isEqualTo(15);
        assertThat(problems.reports).isEmpty();
    }

    @Test
    void valuesInRangeAreTaken() {
        MailboxProofOptions options = MailboxProofOptions.fromConfig(Map.of(
                MailboxProofOptions.LINK_MINUTES, "1", MailboxProofOptions.RESENDS, "0"), new RecordingProblems());
        assertThat(options).isEqualTo(new MailboxProofOptions(1, 0));
        assertThat(MailboxProofOptions.fromConfig(Map.of(MailboxProofOptions.LINK_MINUTES, "1440",
                MailboxProofOptions.RESENDS, "10"), new RecordingProblems())).isEqualTo(new MailboxProofOptions(1440, 10));
    }

    @Test
    void valuesOutOfRangeOrNotWholeNumbersAreReportedAndTheDefaultApplies() {
        for (String bad : new String[] {"0", "1441", "-5", "15m", "1.5", "99999999999"}) {
            RecordingProblems problems = new RecordingProblems();
            MailboxProofOptions options = MailboxProofOptions.fromConfig(Map.of(MailboxProofOptions.LINK_MINUTES, bad,
                    MailboxProofOptions.RESENDS, bad.equals("0") ? "11" : bad), problems);
            assertThat(options).as(bad).isEqualTo(MailboxProofOptions.DEFAULTS);
            assertThat(problems.reports).as(bad).hasSize(2)
                    .anyMatch(r -> r.contains(MailboxProofOptions.LINK_MINUTES) && r.endsWith("|15"));
        }
    }
}
