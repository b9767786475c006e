package io.github.jitprovisioning.core.domains;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Look-alike domains by Unicode's confusable detection (UTS #39, section 4): two domains are confusable when their
 * <em>skeletons</em> are equal and the domains are not. The skeleton of a string is its NFD form with every character
 * replaced by its prototype from {@code confusables.txt}, in NFD again; a domain's skeleton is that of its Unicode
 * form (punycode labels decoded), so {@code іnitech.com} (Cyrillic і) and {@code xn--initch-6of.com} have the skeleton
 * of {@code initech.com}. The table is the part of Unicode's {@code confusables.txt} that can occur in a domain label
 * (letters, digits, marks: {@value #RESOURCE}, about 5,200 of its 6,300 lines); ASCII itself has prototypes too
 * ({@code m} is {@code rn}, {@code 1} is {@code l}), exactly as the table says, so {@code rnodern.com} and
 * {@code modern.com} are confusable.
 */
public final class ConfusableDomains {

    public static final String RESOURCE = "confusables.txt";

    private final Map<Integer, String> prototypes;

    private ConfusableDomains(Map<Integer, String> prototypes) {
        this.prototypes = Map.copyOf(prototypes);
    }

    /** The table bundled in the JAR. */
    public static ConfusableDomains bundled() {
        try (InputStream in = ConfusableDomains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + RESOURCE + " is missing from the JAR");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines {@code <code point>\t<prototype code points>} in hexadecimal; {@code #} starts a comment line. */
    public static ConfusableDomains parse(Reader reader) throws IOException {
        Map<Integer, String> prototypes = new HashMap<>();
        BufferedReader lines = new BufferedReader(reader);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            StringBuilder prototype = new StringBuilder();
            for (String cp : parts[1].trim().split(" ")) {
                prototype.appendCodePoint(Integer.parseInt(cp, 16));
            }
            prototypes.put(Integer.parseInt(parts[0].trim(), 16), prototype.toString());
        }
        return new ConfusableDomains(prototypes);
    }

    /** The number of characters with a prototype. */
    public int size() {
        return prototypes.size();
    }

    /** UTS #39's skeleton of a string. */
    public String skeleton(String text) {
        String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        nfd.codePoints().forEach(cp -> {
            String prototype = prototypes.get(cp);
            if (prototype == null) {
                out.appendCodePoint(cp);
            } else {
                out.append(prototype);
            }
        });
        return Normalizer.normalize(out, Normalizer.Form.NFD);
    }

    /**
     * The skeleton of a normalized domain (lower-case ASCII, punycode labels) or domain pattern: a wildcard's
     * {@code *.} is dropped, so {@code *.аcme.com} is judged by {@code аcme.com}.
     */
    public String domainSkeleton(String domain) {
        String base = base(domain);
        String unicode;
        try {
            unicode = IDN.toUnicode(base, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            unicode = base;
        }
        return skeleton(unicode);
    }

    /**
     * The first of {@code others} (normalized domains or patterns) that is confusable with {@code domain}: the same
     * skeleton, another base domain. The same domain, or its wildcard, is not a look-alike of itself.
     */
    public Optional<String> lookAlike(String domain, Collection<String> others) {
        String base = base(domain);
        String skeleton = domainSkeleton(domain);
        for (String other : others) {
            if (other != null && !base(other).equals(base) && domainSkeleton(other).equals(skeleton)) {
                return Optional.of(other);
            }
        }
        return Optional.empty();
    }

    private static String base(String domain) {
        return domain.startsWith("*.") ? domain.substring(2) : domain;
    }
}
