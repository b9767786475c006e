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
}
