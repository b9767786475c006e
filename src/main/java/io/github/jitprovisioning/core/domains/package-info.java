/**
 * Whether an organization may claim a domain and when the claim counts as verified: the claim's states, the
 * DNS TXT check and its answers, look-alike and public-suffix refusals, the realm's domain options.
 */
package io.github.jitprovisioning.core.domains;
