/**
 * What the realm allows, read from the JIT check step's configuration with a default for every option: the
 * decision's switches, what may be granted, the portal's and the mailbox proof's options.
 */
package io.github.jitprovisioning.core.settings;
