package io.github.jitprovisioning.core.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FetchPolicyTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void noOptionIsTheDefaultOfNoHost1MiB5SecondsAnd3Redirects(String option) {
        FetchPolicy policy = FetchPolicy.parse(option);
        assertThat(policy).isEqualTo(FetchPolicy.DEFAULT);
        assertThat(policy.allowHosts()).isEmpty();
        assertThat(policy.maxBytes()).isEqualTo(1024 * 1024);
        assertThat(policy.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.maxRedirects()).isEqualTo(3);
        assertThat(policy.allows("localhost")).isFalse();
    }

    @Test
    void aCommaListIsLowerCasedTrimmedAndMatchedInAnyCase() {
        FetchPolicy policy = FetchPolicy.parse(" LocalHost , idp.test,127.0.0.1, [::1], mock-oauth2.example. ");
        assertThat(policy.allowHosts())
                .containsExactlyInAnyOrder("localhost", "idp.test", "127.0.0.1", "::1", "mock-oauth2.example");
        assertThat(policy.allows("LOCALHOST")).isTrue();
        assertThat(policy.allows("idp.test.")).isTrue();
        assertThat(policy.allows("[::1]")).isTrue();
        assertThat(policy.allows("::1")).isTrue();
        assertThat(policy.allows("other.test")).isFalse();
        assertThat(policy.allows("sub.idp.test")).as("no wildcard by suffix").isFalse();
        assertThat(policy.allows(null)).isFalse();
        assertThat(policy.maxBytes()).isEqualTo(FetchPolicy.DEFAULT_MAX_BYTES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://idp.test", "idp.test:8443", "idp.test/path", "*.idp.test", "idp_test", "-idp.test",
        "idp..test", "idp test"})
    void anEntryThatIsNotAHostNameIsRefusedNamingIt(String entry) {
        assertThatThrownBy(() -> FetchPolicy.parse("localhost, " + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FetchPolicy.ALLOW_HOSTS_OPTION)
                .hasMessageContaining("\"" + entry + "\" is not a host name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost,,idp.test", "localhost,", ",localhost"})
    void anEmptyEntryIsRefused(String option) {
        assertThatThrownBy(() -> FetchPolicy.parse(option))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty entry");
    }

    @Test
    void aControlCharacterInAnEntryIsNotEchoed() {
        assertThatThrownBy(() -> FetchPolicy.parse("idp\u001b[31m.test"))
                .hasMessageNotContaining("\u001b");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new FetchPolicy(Set.of(), 0, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FetchPolicy.DEFAULT.withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FetchPolicy.DEFAULT.withTimeout(Duration.ofMillis(300)).timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(FetchPolicy.DEFAULT.withMaxBytes(10).maxBytes()).isEqualTo(10);
    }
}
