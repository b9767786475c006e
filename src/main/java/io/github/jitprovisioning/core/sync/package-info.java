/**
 * What profile sync writes at a login: the fields whose claims differ from the user's, within the limits of
 * what may be stored, and the fields it skips and why.
 */
package io.github.jitprovisioning.core.sync;
