/**
 * What text from an identity provider or a form means: email addresses and domain names normalized for every
 * lookup, Keycloak's rule for whether a domain is an organization's, and which values may be stored.
 */
package io.github.jitprovisioning.core.text;
