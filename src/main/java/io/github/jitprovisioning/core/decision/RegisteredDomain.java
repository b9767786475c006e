package io.github.jitprovisioning.core.decision;

/**
 * A domain that an organization registered, as Keycloak stores it: an exact domain ({@code acme.com}) or a
 * wildcard ({@code *.acme.com}), and whether it is marked verified.
 */
public record RegisteredDomain(String name, boolean verified) {
}
