package io.github.jitprovisioning.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ann", "Zoë", "O'Brien", "Jean-Luc", "Ngô Bảo Châu", "李小龙", "Ελένη", "Sales & Ops",
            "\u0645\u0647\u062F\u06CC\u200C\u0632\u0627\u062F\u0647", // Persian, a ZWNJ between two letters
            "\u0915\u094D\u200D\u0937", // Devanagari, a ZWJ after a virama (a mark)
            "😀 emoji"})
    void ordinaryNamesInAnyScriptAreStorable(String value) {
        assertThat(StorableText.refusal(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"An\u0000n", "Ann\n", "Ann\r\nSmith", "\tAnn", "Ann\u001B[31m", "Ann\u007F", "Ann\u0085"})
    void controlCharactersAreRefused(String value) {
        assertThat(StorableText.refusal(value)).get().asString().contains("a control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\u202Egnp.exe", "An\u200Bn", "\uFEFFAnn", "An\u00ADn", "Ann\u2066x\u2069",
            "\u200CAnn", "Ann\u200D", "Ann \u200C Lee", "\uD83D\u200D\uD83D"})
    void formatCharactersAreRefusedOutsideAJoinerBetweenLetters(String value) {
        assertThat(StorableText.refusal(value)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\uD800", "\uDC00Ann"})
    void loneSurrogatesAreRefused(String value) {
        assertThat(StorableText.refusal(value)).get().asString().contains("lone surrogate");
    }

    @org.junit.jupiter.api.Test
    void refusalNamesTheCharacter() {
        assertThat(StorableText.refusal("a\u202Eb")).contains("contains U+202E, a format character");
    }
}
