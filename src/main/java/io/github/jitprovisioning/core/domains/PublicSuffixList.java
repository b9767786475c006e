package io.github.jitprovisioning.core.domains;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List (https://publicsuffix.org), ICANN and private sections alike: {@code com}, {@code co.uk}
 * and {@code github.io} are public suffixes, under which anybody can register a name, so no organization may claim
 * them. The JAR bundles a copy ({@value #RESOURCE}, taken from Debian's {@code publicsuffix} package; its version
 * and how to update it are in docs/domain-verification.md). Rules with Unicode labels are converted to punycode,
 * the form {@link io.github.jitprovisioning.core.DomainName} produces.
 */
public final class PublicSuffixList {

    public static final String RESOURCE = "public_suffix_list.dat";

    private final Set<String> rules;
    private final Set<String> wildcardParents;
    private final Set<String> exceptions;

    private PublicSuffixList(Set<String> rules, Set<String> wildcardParents, Set<String> exceptions) {
        this.rules = Set.copyOf(rules);
        this.wildcardParents = Set.copyOf(wildcardParents);
        this.exceptions = Set.copyOf(exceptions);
    }

    /** The copy bundled in the JAR. */
    public static PublicSuffixList bundled() {
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + RESOURCE + " is missing from the JAR");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the list's format: one rule per line, {@code //} comments, {@code *.} wildcards, {@code !} exceptions. */
    public static PublicSuffixList parse(Reader reader) throws IOException {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        BufferedReader lines = new BufferedReader(reader);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String rule = line.strip();
            int space = rule.indexOf(' ');
            if (space >= 0) {
                rule = rule.substring(0, space);
            }
            if (rule.isEmpty() || rule.startsWith("//")) {
                continue;
            }
            if (rule.startsWith("!")) {
                exceptions.add(ascii(rule.substring(1)));
            } else if (rule.startsWith("*.")) {
                wildcards.add(ascii(rule.substring(2)));
            } else {
                rules.add(ascii(rule));
            }
        }
        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    private static String ascii(String rule) {
        try {
            return IDN.toASCII(rule.toLowerCase(Locale.ROOT), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return rule.toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the normalized (lower-case ASCII) {@code domain} is itself a public suffix. */
    public boolean isPublicSuffix(String domain) {
        if (exceptions.contains(domain)) {
            return false;
        }
        if (rules.contains(domain)) {
            return true;
        }
        int dot = domain.indexOf('.');
        return dot > 0 && wildcardParents.contains(domain.substring(dot + 1));
    }

    /** The number of rules read, for the startup log. */
    public int size() {
        return rules.size() + wildcardParents.size() + exceptions.size();
    }
}
