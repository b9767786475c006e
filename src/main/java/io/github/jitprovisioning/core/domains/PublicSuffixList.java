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
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Public Suffix List (https://publicsuffix.org), ICANN and private sections alike: {@code com}, {@code co.uk}
 * and {@code github.io} are public suffixes, under which anybody can register a name, so no organization may claim
 * them. The JAR bundles a copy ({@value #RESOURCE}, taken at build time from the copy that Apache HttpClient 5 ships,
 * which tracks Mozilla's list; how to update it is in docs/domain-verification.md). The list's date is its
 * {@code // VERSION: 2026-10-06_16-13-12_UTC} line. Rules with Unicode labels are converted to punycode, the form
 * {@link io.github.jitprovisioning.core.text.DomainName} produces.
 */
public final class PublicSuffixList {

    public static final String RESOURCE = "effective_tld_names.dat";
    /** A list older than this is stale: suffixes registered since can be claimed as if they were a company's domain. */
    public static final Period STALE_AFTER = Period.ofYears(1);
    private static final Pattern VERSION = Pattern.compile("^//\\s*VERSION:\\s*(\\d{4}-\\d{2}-\\d{2})\\S*");

    private final Set<String> rules;
    private final Set<String> wildcardParents;
    private final Set<String> exceptions;
    private final LocalDate date;

    private PublicSuffixList(Set<String> rules, Set<String> wildcardParents, Set<String> exceptions, LocalDate date) {
        this.rules = Set.copyOf(rules);
        this.wildcardParents = Set.copyOf(wildcardParents);
        this.exceptions = Set.copyOf(exceptions);
        this.date = date;
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
        LocalDate date = null;
        BufferedReader lines = new BufferedReader(reader);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String rule = line.strip();
            Matcher version = VERSION.matcher(rule);
            if (date == null && version.find()) {
                try {
                    date = LocalDate.parse(version.group(1));
                } catch (DateTimeParseException e) {
                    // no date: reported as unknown
                }
            }
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
        return new PublicSuffixList(rules, wildcards, exceptions, date);
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

    /** The list's date (its {@code VERSION} line), if it has one. */
    public Optional<LocalDate> date() {
        return Optional.ofNullable(date);
    }

    /** Whether the list is older than {@link #STALE_AFTER} on {@code today}, or has no date. */
    public boolean staleOn(LocalDate today) {
        return date == null || date.plus(STALE_AFTER).isBefore(today);
    }

    /** The number of rules read, for the startup log. */
    public int size() {
        return rules.size() + wildcardParents.size() + exceptions.size();
    }
}
