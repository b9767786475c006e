/** Guardrails for a customer's IdP: how many users one organization may have provisioned per hour, */
/** and whether JIT for it is paused now. Pure rules; the count lives in the database (package guardrails). */
package io.github.jitprovisioning.core.guardrails;
