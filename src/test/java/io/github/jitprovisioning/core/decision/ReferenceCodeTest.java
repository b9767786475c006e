package io.github.jitprovisioning.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceCodeTest {

    @Test
    void codeIsJitPrefixAndEightCrockfordCharacters() {
        assertThat(ReferenceCode.generate()).matches("JIT-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}");
    }

    @Test
    void codeHasNoCharactersThatAreEasilyMisheard() {
        SplittableRandom random = new SplittableRandom(42);
        String body = String.join("", IntStream.range(0, 2000)
                .mapToObj(i -> ReferenceCode.generate(random).substring(4)).toList());
        assertThat(body).doesNotContain("I", "L", "O", "U").matches("[0-9A-Z]+");
    }

    @Test
    void everyAlphabetCharacterCanAppear() {
        SplittableRandom random = new SplittableRandom(7);
        Set<Integer> seen = new HashSet<>();
        IntStream.range(0, 2000).forEach(i -> ReferenceCode.generate(random).substring(4).chars().forEach(seen::add));
        assertThat(seen).hasSize(32);
    }

    @Test
    void sameSeedGivesSameCode() {
        assertThat(ReferenceCode.generate(new SplittableRandom(1))).isEqualTo(ReferenceCode.generate(new SplittableRandom(1)));
    }

    @Test
    void secureCodesDoNotRepeatInPractice() {
        Set<String> codes = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> codes.add(ReferenceCode.generate()));
        assertThat(codes).hasSize(10_000);
    }

    @Test
    void generatedCodesAreWellFormed() {
        assertThat(ReferenceCode.isWellFormed(ReferenceCode.generate())).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"JIT-", "JIT-1234567", "JIT-123456789", "jit-12345678", "JIT-1234567I", "JIT-1234567O",
            "ABC-12345678", "JIT_12345678", " JIT-12345678"})
    void malformedCodesAreRecognized(String code) {
        assertThat(ReferenceCode.isWellFormed(code)).isFalse();
    }
}
