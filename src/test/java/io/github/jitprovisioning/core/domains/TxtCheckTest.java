package io.github.jitprovisioning.core.domains;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.core.domains.DnsMessage.Answer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check over a fake resolver that answers from a map, through the real wire format. */
class TxtCheckTest {

    private static final String NAME = "_keycloak-challenge.acme.com";
    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String VALUE = "keycloak-verification=" + TOKEN;

    private final Map<String, List<Answer>> zone = new HashMap<>();
    private final Map<String, Integer> rcodes = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private boolean timeout;

    private final DnsTransport fake = (name, type) -> {
        asked.add(name);
        if (timeout) {
            throw new SocketTimeoutException("timed out");
        }
        DnsMessage.Message query;
        try {
            query = DnsMessage.decode(DnsMessage.query(7, name, type));
            int rcode = rcodes.getOrDefault(name, zone.containsKey(name) ? 0 : DnsMessage.RCODE_NXDOMAIN);
            return DnsMessage.decode(DnsMessage.response(query, rcode, zone.getOrDefault(name, List.of())));
        } catch (DnsMessage.MalformedException e) {
            throw new IOException(e);
        }
    };

    @Test
    void matchingRecordVerifies() {
        zone.put(NAME, List.of(Answer.txt(NAME, List.of("v=spf1 -all")), Answer.txt(NAME, List.of(VALUE))));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.MATCH);
    }

    @Test
    void stringsOfOneRecordAreJoined() {
        zone.put(NAME, List.of(Answer.txt(NAME, List.of("keycloak-verif", "ication=" + TOKEN.substring(0, 10),
                TOKEN.substring(10)))));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.MATCH);
    }

    @Test
    void recordsAreNeverJoinedWithEachOther() {
        zone.put(NAME, List.of(Answer.txt(NAME, List.of("keycloak-verification=")), Answer.txt(NAME, List.of(TOKEN))));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.WRONG_TOKEN);
    }

    @Test
    void comparisonIsExact() {
        for (String value : List.of(VALUE + " ", " " + VALUE, VALUE.toUpperCase(), "x" + VALUE, VALUE + "x",
                "keycloak-verification=" + TOKEN.substring(1))) {
            zone.put(NAME, List.of(Answer.txt(NAME, List.of(value))));
            assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).as(value).isEqualTo(CheckOutcome.WRONG_TOKEN);
        }
    }

    @Test
    void nameWithoutTxtIsNoRecordAndMissingNameIsNxdomain() {
        zone.put(NAME, List.of());
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.NO_RECORD);
        zone.clear();
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.NXDOMAIN);
    }

    @Test
    void servfailAndTimeoutAreErrors() {
        rcodes.put(NAME, DnsMessage.RCODE_SERVFAIL);
        zone.put(NAME, List.of());
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.ERROR);
        timeout = true;
        TxtCheck.Result result = TxtCheck.check(fake, NAME, TOKEN);
        assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(result.detail()).contains("timed out");
    }

    @Test
    void cnameIsFollowedByAskingForItsTarget() {
        zone.put(NAME, List.of(Answer.cname(NAME, "verify.dns-host.example")));
        zone.put("verify.dns-host.example", List.of(Answer.txt("verify.dns-host.example", List.of(VALUE))));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.MATCH);
        assertThat(asked).containsExactly(NAME, "verify.dns-host.example");
    }

    @Test
    void cnameChainInOneAnswerIsFollowed() {
        zone.put(NAME, List.of(Answer.cname(NAME, "a.example"), Answer.cname("a.example", "b.example"),
                Answer.txt("b.example", List.of(VALUE)), Answer.txt(NAME, List.of("not the owner"))));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.MATCH);
        assertThat(asked).containsExactly(NAME);
    }

    @Test
    void atMostFiveCnamesAreFollowed() {
        String previous = NAME;
        for (int i = 1; i <= 6; i++) {
            zone.put(previous, List.of(Answer.cname(previous, "c" + i + ".example")));
            previous = "c" + i + ".example";
        }
        zone.put(previous, List.of(Answer.txt(previous, List.of(VALUE))));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.ERROR);
        zone.remove(NAME);
        zone.put(NAME, List.of(Answer.cname(NAME, "c2.example")));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).as("five hops").isEqualTo(CheckOutcome.MATCH);
    }

    @Test
    void cnameLoopIsAnError() {
        zone.put(NAME, List.of(Answer.cname(NAME, "loop.example")));
        zone.put("loop.example", List.of(Answer.cname("loop.example", NAME)));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.ERROR);
    }

    @Test
    void cnameToAMissingNameIsNxdomain() {
        zone.put(NAME, List.of(Answer.cname(NAME, "gone.example")));
        assertThat(TxtCheck.check(fake, NAME, TOKEN).outcome()).isEqualTo(CheckOutcome.NXDOMAIN);
    }
}
