/**
 * Whether a brokered identity that Keycloak does not know yet is provisioned, into which organization, and
 * why: the rules of the specification as one function from facts to a reason, with the organization's settings.
 */
package io.github.jitprovisioning.core.decision;
