package io.github.jitprovisioning.core.text;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of domains and domain-like text for the property tests. */
final class DomainArbitraries {

    private DomainArbitraries() {
    }

    /** An LDH label of 1 to 20 characters that is not an {@code xn--} label. */
    static Arbitrary<String> label() {
        Arbitrary<String> inner = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                .ofMinLength(0).ofMaxLength(18);
        Arbitrary<Character> edge = Arbitraries.of("abcdefghijklmnopqrstuvwxyz0123456789".toCharArray()).map(c -> c);
        return Combinators.combine(edge, inner, edge, Arbitraries.of(true, false))
                .as((first, middle, last, single) -> single ? String.valueOf(first) : first + middle + last)
                .filter(l -> !l.startsWith("xn--"));
    }

    /** A top-level label: letters only. */
    static Arbitrary<String> topLabel() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10);
    }

    /** A valid, normalized domain of 2 to 5 labels. */
    static Arbitrary<String> domain() {
        return Combinators.combine(label().list().ofMinSize(1).ofMaxSize(4), topLabel())
                .as((labels, top) -> String.join(".", labels) + "." + top);
    }

    /** Domain-like text: mixed case, Unicode letters, dots, hyphens, digits, some junk. */
    static Arbitrary<String> domainLike() {
        Arbitrary<String> noisy = Arbitraries.strings()
                .withChars("aAbBzZ09-._ üÜßς\u0430\u0410\u00E9\u3002\uFF21*@\u200B\t")
                .ofMinLength(0).ofMaxLength(30);
        Arbitrary<String> upper = domain().map(d -> d.toUpperCase(java.util.Locale.ROOT));
        Arbitrary<String> trailingDot = domain().map(d -> d + ".");
        Arbitrary<String> unicode = Combinators.combine(domain(), Arbitraries.of(List.of("ü", "ß", "\u0430", "é", "Ω")))
                .as((d, u) -> u + d);
        return Arbitraries.oneOf(noisy, upper, trailingDot, unicode, domain(), Arbitraries.strings());
    }
}
