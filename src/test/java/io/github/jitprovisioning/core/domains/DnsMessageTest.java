package io.github.jitprovisioning.core.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageTest {

    @Test
    void queryRoundTrips() throws Exception {
        DnsMessage.Message query = DnsMessage.decode(DnsMessage.query(4242, "_keycloak-challenge.Acme.com", 16));
        assertThat(query.id()).isEqualTo(4242);
        assertThat(query.response()).isFalse();
        assertThat(query.questionName()).isEqualTo("_keycloak-challenge.acme.com");
        assertThat(query.questionType()).isEqualTo(DnsMessage.TYPE_TXT);
    }

    @Test
    void responseWithMultiStringTxtAndCnameDecodes() throws Exception {
        DnsMessage.Message query = DnsMessage.decode(DnsMessage.query(1, "x.acme.com", 16));
        byte[] bytes = DnsMessage.response(query, 0, List.of(DnsMessage.Answer.cname("x.acme.com", "y.acme.com"),
                DnsMessage.Answer.txt("y.acme.com", List.of("one", "two", ""))));
        DnsMessage.Message response = DnsMessage.decode(bytes);
        assertThat(response.response()).isTrue();
        assertThat(response.rcode()).isZero();
        assertThat(response.answers()).containsExactly(DnsMessage.Answer.cname("x.acme.com", "y.acme.com"),
                DnsMessage.Answer.txt("y.acme.com", List.of("one", "two", "")));
    }

    @Test
    void compressedNamesAreFollowed() throws Exception {
        byte[] header = {0, 1, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0};
        byte[] question = {1, 'a', 3, 'c', 'o', 'm', 0, 0, 16, 0, 1};
        byte[] answer = {(byte) 0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 3, 2, 'h', 'i'};
        byte[] message = new byte[header.length + question.length + answer.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(question, 0, message, header.length, question.length);
        System.arraycopy(answer, 0, message, header.length + question.length, answer.length);
        DnsMessage.Message decoded = DnsMessage.decode(message);
        assertThat(decoded.answers()).containsExactly(DnsMessage.Answer.txt("a.com", List.of("hi")));
    }

    @Test
    void malformedMessagesAreRefused() {
        assertThatThrownBy(() -> DnsMessage.decode(new byte[] {0, 1, 2})).isInstanceOf(DnsMessage.MalformedException.class);
        byte[] loop = {0, 1, (byte) 0x81, (byte) 0x80, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12};
        assertThatThrownBy(() -> DnsMessage.decode(loop)).isInstanceOf(DnsMessage.MalformedException.class);
    }

    /** A message from its parts: header counts as given, then the raw sections. */
    private static byte[] message(int id, int flags, int questions, int answers, byte[]... sections) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int v : new int[] {id, flags, questions, answers, 0, 0}) {
            out.write(v >> 8);
            out.write(v & 0xff);
        }
        for (byte[] section : sections) {
            out.writeBytes(section);
        }
        return out.toByteArray();
    }

    private static byte[] question(String name, int type) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        out.write(type >> 8);
        out.write(type);
        out.write(0);
        out.write(1);
        return out.toByteArray();
    }

    @Test
    void theQuestionKeepsItsCaseOnTheWireAndAResponseEchoesIt() throws Exception {
        DnsMessage.Message query = DnsMessage.decode(DnsMessage.query(7, "_KeyCloak-Challenge.aCMe.com", 16));
        assertThat(query.questionWire()).isEqualTo("_KeyCloak-Challenge.aCMe.com");
        assertThat(query.questionName()).isEqualTo("_keycloak-challenge.acme.com");
        DnsMessage.Message response = DnsMessage.decode(DnsMessage.response(query, 0, List.of()));
        assertThat(DnsMessage.answers(response, 7, "_KeyCloak-Challenge.aCMe.com", 16)).isTrue();
    }

    @Test
    void aResponseAnswersOnlyItsOwnQuestion() throws Exception {
        DnsMessage.Message query = DnsMessage.decode(DnsMessage.query(7, "_k.AcMe.com", 16));
        DnsMessage.Message response = DnsMessage.decode(DnsMessage.response(query, 0, List.of()));
        assertThat(DnsMessage.answers(response, 7, "_k.AcMe.com", 16)).isTrue();
        assertThat(DnsMessage.answers(response, 8, "_k.AcMe.com", 16)).as("id").isFalse();
        assertThat(DnsMessage.answers(response, 7, "_k.acme.com", 16)).as("case (0x20)").isFalse();
        assertThat(DnsMessage.answers(response, 7, "_k.AcMe.org", 16)).as("name").isFalse();
        assertThat(DnsMessage.answers(response, 7, "_k.AcMe.com", 1)).as("type").isFalse();
        assertThat(DnsMessage.answers(query, 7, "_k.AcMe.com", 16)).as("a query is no answer").isFalse();
        DnsMessage.Message chaos = DnsMessage.decode(message(7, 0x8180, 1, 0,
                new byte[] {2, '_', 'k', 4, 'A', 'c', 'M', 'e', 3, 'c', 'o', 'm', 0, 0, 16, 0, 3}));
        assertThat(DnsMessage.answers(chaos, 7, "_k.AcMe.com", 16)).as("class CH").isFalse();
        DnsMessage.Message noQuestion = DnsMessage.decode(message(7, 0x8180, 0, 0));
        assertThat(DnsMessage.answers(noQuestion, 7, "_k.AcMe.com", 16)).isFalse();
    }

    @Test
    void randomizedCaseKeepsTheNameAndVariesTheLetters() {
        java.util.Random random = new java.util.Random(1);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            String asked = DnsMessage.randomizeCase("_keycloak-challenge.acme-1.com", random);
            assertThat(asked).isEqualToIgnoringCase("_keycloak-challenge.acme-1.com");
            seen.add(asked);
        }
        assertThat(seen).hasSizeGreaterThan(40);
    }

    @Test
    void nameLongerThan255OctetsIsMalformed() {
        // 5 labels of 63 octets: 320 octets on the wire
        String label = "a".repeat(63);
        byte[] question = question(String.join(".", label, label, label, label, label), 16);
        assertThatThrownBy(() -> DnsMessage.decode(message(1, 0x8180, 1, 0, question)))
                .isInstanceOf(DnsMessage.MalformedException.class).hasMessageContaining("255");
    }

    @Test
    void compressionCannotBuildALongName() {
        // a record whose name is a 63-octet label followed by a pointer to itself: at most 64 pointers, but the
        // name would be 64 x 64 octets: refused at 255
        byte[] label = new byte[64];
        label[0] = 63;
        java.util.Arrays.fill(label, 1, 64, (byte) 'x');
        byte[] answer = new byte[label.length + 2 + 10];
        System.arraycopy(label, 0, answer, 0, label.length);
        answer[64] = (byte) 0xc0;
        answer[65] = 12 + 11; // the start of this record's name, after the header and the question
        byte[] q = question("a.com", 16);
        assertThat(q.length).isEqualTo(11);
        assertThatThrownBy(() -> DnsMessage.decode(message(1, 0x8180, 1, 1, q, answer)))
                .isInstanceOf(DnsMessage.MalformedException.class);
    }

    @Test
    void tooManyAnswersOrQuestionsAreMalformed() throws Exception {
        DnsMessage.Message query = DnsMessage.decode(DnsMessage.query(1, "a.com", 16));
        List<DnsMessage.Answer> many = new java.util.ArrayList<>();
        for (int i = 0; i <= DnsMessage.MAX_ANSWERS; i++) {
            many.add(DnsMessage.Answer.txt("a.com", List.of("r" + i)));
        }
        assertThatThrownBy(() -> DnsMessage.decode(DnsMessage.response(query, 0, many)))
                .isInstanceOf(DnsMessage.MalformedException.class).hasMessageContaining("answer records");
        assertThat(DnsMessage.decode(DnsMessage.response(query, 0, many.subList(0, DnsMessage.MAX_ANSWERS)))
                .answers()).hasSize(DnsMessage.MAX_ANSWERS);
        assertThatThrownBy(() -> DnsMessage.decode(message(1, 0x8180, 2, 0, question("a.com", 16), question("b.com", 16))))
                .isInstanceOf(DnsMessage.MalformedException.class);
    }

    @Test
    void txtTextIsBoundedForTheWholeMessage() throws Exception {
        DnsMessage.Message query = DnsMessage.decode(DnsMessage.query(1, "a.com", 16));
        List<String> strings = java.util.Collections.nCopies(40, "x".repeat(255)); // 10,200 bytes a record
        byte[] two = DnsMessage.response(query, 0, List.of(DnsMessage.Answer.txt("a.com", strings),
                DnsMessage.Answer.txt("a.com", strings)));
        assertThatThrownBy(() -> DnsMessage.decode(two)).isInstanceOf(DnsMessage.MalformedException.class)
                .hasMessageContaining("TXT");
        assertThat(DnsMessage.decode(DnsMessage.response(query, 0, List.of(DnsMessage.Answer.txt("a.com", strings))))
                .answers()).hasSize(1);
    }
}
