/** Members after JIT let them in: how each came into the organization (origin), and whether a sign-in must be
 * written (once per day) or a member counts as inactive. Pure logic, no Keycloak imports. */
package io.github.jitprovisioning.core.members;
