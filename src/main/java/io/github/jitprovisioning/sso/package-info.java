/**
 * The portal's self-service single sign-on on Keycloak's side: the IdPs an organization connects (created with the
 * settings the server fixes), their discovery and their test sign-in; the guarded fetch is in {@code sso.fetch}.
 */
package io.github.jitprovisioning.sso;
