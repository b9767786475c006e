/** Decides whether a customer's identity-provider address may be fetched (public addresses, the fetch limits) and */
/** whether an OIDC discovery document or SAML IdP metadata is complete and safe to use; plain Java, no network. */
package io.github.jitprovisioning.core.sso;
