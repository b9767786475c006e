package io.github.jitprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user-facing texts exist in English, German and French with the same keys, and each renders through
 * {@link MessageFormat} as Keycloak's templates do (an apostrophe must be doubled, or it swallows the rest).
 * The admin console's step and mapper names ({@code *-display-name}) stay English only, as the README names them.
 */
class MessagesTest {

    private static final List<String> LANGUAGES = List.of("en", "de", "fr");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"src/main/resources/theme-resources/messages", "themes/jit/login/messages"})
    void everyLanguageHasTheSameKeysAndEveryTextRenders(String folder) throws IOException {
        Properties english = userFacing(load(Path.of(folder, "messages_en.properties")));
        assertThat(english).isNotEmpty();
        for (String language : LANGUAGES) {
            Properties messages = userFacing(load(Path.of(folder, "messages_" + language + ".properties")));
            assertThat(messages.keySet()).as("keys of %s/messages_%s", folder, language)
                    .containsExactlyInAnyOrderElementsOf(english.keySet());
            for (String key : messages.stringPropertyNames()) {
                String pattern = messages.getProperty(key);
                String rendered = new MessageFormat(pattern, Locale.forLanguageTag(language)).format(new Object[0]);
                assertThat(rendered).as("%s in %s/messages_%s", key, folder, language).isNotBlank();
                if (pattern.contains("'")) {
                    assertThat(rendered).as("%s in %s/messages_%s: an apostrophe must be written ''", key, folder, language)
                            .contains("'").doesNotContain("''");
                    assertThat(rendered.length()).as("%s: nothing swallowed", key)
                            .isEqualTo(pattern.length() - countDoubledApostrophes(pattern));
                }
            }
        }
    }

    private static int countDoubledApostrophes(String pattern) {
        return (pattern.length() - pattern.replace("''", "").length()) / 2;
    }

    private static Properties userFacing(Properties all) {
        Properties shown = new Properties();
        all.stringPropertyNames().stream().filter(key -> !key.endsWith("-display-name"))
                .forEach(key -> shown.setProperty(key, all.getProperty(key)));
        return shown;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
