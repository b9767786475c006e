/** The report-only rollout: an organization's JIT mode, which modes the portal may set, and which refusals
 * report-only lets through to Keycloak's stock first broker login (and which it never does). */
package io.github.jitprovisioning.core.rollout;
