/** Fetches and reads a customer's IdP documents safely: https to public addresses checked on the connected socket, */
/** bounded redirects, size and time (GuardedFetch); JSON and XML without DTDs or entities (JsonDocument, SafeXml). */
package io.github.jitprovisioning.sso.fetch;
