package io.github.jitprovisioning.core.domains;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One check of a claim: asks the DNS for the TXT records at the challenge name, follows CNAMEs (at most
 * {@value #MAX_CNAMES}, both within one answer and by asking again for the target), and compares the records with
 * the expected value ({@link TxtRecords}). Every failure to get an answer is {@link CheckOutcome#ERROR} with a
 * detail for the log; it never looks like a negative answer.
 */
public final class TxtCheck {

    public static final int MAX_CNAMES = 5;

    /** The outcome and, for errors and negatives, what was seen. */
    public record Result(CheckOutcome outcome, String detail) {
    }

    private TxtCheck() {
    }

    public static Result check(DnsTransport dns, String recordName, String token) {
        String current = recordName.toLowerCase(Locale.ROOT);
        int cnames = 0;
        Set<String> seen = new HashSet<>();
        seen.add(current);
        while (true) {
            DnsMessage.Message response;
            try {
                response = dns.query(current, DnsMessage.TYPE_TXT);
            } catch (IOException e) {
                return new Result(CheckOutcome.ERROR, "no answer for " + current + ": " + e.getMessage());
            }
            if (response.truncated()) {
                return new Result(CheckOutcome.ERROR, "truncated answer for " + current);
            }
            if (response.rcode() == DnsMessage.RCODE_NXDOMAIN) {
                return new Result(CheckOutcome.NXDOMAIN, current + " does not exist");
            }
            if (response.rcode() != DnsMessage.RCODE_NOERROR) {
                return new Result(CheckOutcome.ERROR, "rcode " + response.rcode() + " for " + current);
            }
            // follow the CNAME chain inside this answer
            String owner = current;
            while (true) {
                String target = cnameOf(response.answers(), owner);
                if (target == null) {
                    break;
                }
                if (++cnames > MAX_CNAMES || !seen.add(target)) {
                    return new Result(CheckOutcome.ERROR, "more than " + MAX_CNAMES + " CNAMEs or a loop at " + owner);
                }
                owner = target;
            }
            List<List<String>> records = new ArrayList<>();
            for (DnsMessage.Answer answer : response.answers()) {
                if (answer.type() == DnsMessage.TYPE_TXT && answer.name().equals(owner)) {
                    records.add(answer.txt());
                }
            }
            if (!records.isEmpty() || owner.equals(current)) {
                CheckOutcome outcome = TxtRecords.match(records, token);
                return new Result(outcome, outcome == CheckOutcome.MATCH ? owner
                        : records.size() + " TXT record(s) at " + owner);
            }
            current = owner; // the answer stopped at a CNAME: ask for its target
        }
    }

    private static String cnameOf(List<DnsMessage.Answer> answers, String owner) {
        for (DnsMessage.Answer answer : answers) {
            if (answer.type() == DnsMessage.TYPE_CNAME && answer.name().equals(owner)) {
                return answer.target();
            }
        }
        return null;
    }
}
