/**
 * Who may do what in the self-service portal, and what its requests may hold: access, input bounds, setup
 * links and their secrets, the same-origin check, the admin's choice of grants, the advice shown for a refusal.
 */
package io.github.jitprovisioning.core.portal;
