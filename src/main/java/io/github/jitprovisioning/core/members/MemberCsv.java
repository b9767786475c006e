package io.github.jitprovisioning.core.members;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Members section's CSV export (RFC 4180: comma-separated, CRLF, fields quoted where needed). A cell that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage return) is prefixed with an
 * apostrophe. Times are ISO-8601 UTC; lists are joined with {@code ;}.
 */
public final class MemberCsv {

    public static final List<String> HEADER = List.of("id", "username", "email", "firstName", "lastName", "membership",
            "origin", "joinedAt", "identityProvider", "firstSignInAt", "lastSignInAt", "groups", "jitRoles");

    private MemberCsv() {
    }

    public static String line(List<?> cells) {
        return cells.stream().map(MemberCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    /** A time cell: empty for none. */
    public static String time(Long epochMillis) {
        return epochMillis == null ? "" : Instant.ofEpochMilli(epochMillis).toString();
    }

    static String cell(Object value) {
        String text;
        if (value == null) {
            text = "";
        } else if (value instanceof List<?> list) {
            text = list.stream().map(String::valueOf).collect(Collectors.joining(";"));
        } else {
            text = value.toString();
        }
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
