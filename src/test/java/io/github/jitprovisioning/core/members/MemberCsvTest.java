package io.github.jitprovisioning.core.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class MemberCsvTest {

    @Test
    void quotesWhatWouldSplitACellAndEndsLinesWithCrLf() {
        assertThat(MemberCsv.line(List.of("a", "b,c", "say \"hi\"", "two\nlines")))
                .isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertThat(MemberCsv.line(List.of("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "ok")))
                .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),ok\r\n");
    }

    @Test
    void listsJoinWithSemicolonsNullsAreEmptyAndTimesAreIsoUtc() {
        assertThat(MemberCsv.line(Arrays.asList(List.of("/Staff", "/Acme/Admins"), null, MemberCsv.time(0L), MemberCsv.time(null))))
                .isEqualTo("/Staff;/Acme/Admins,,1970-01-01T00:00:00Z,\r\n");
    }
}
