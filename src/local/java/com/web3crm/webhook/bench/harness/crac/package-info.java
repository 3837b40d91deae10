/**
 * A checkpoint/restore implementation for {@code org.crac}, used by bin/bench in place of the one the Lambda Java
 * runtime provides (the runtime starts the JVM with {@code -Dorg.crac.Core.Compat=<its own package>}; bin/bench
 * passes this package instead). {@code org.crac} then forwards every {@code Core.getGlobalContext().register(r)} of
 * the function to {@link com.web3crm.webhook.bench.harness.crac.Core#getGlobalContext()}, and the benchmark can run
 * the registered hooks the way SnapStart does: {@code beforeCheckpoint} in reverse order of registration, a GC (the
 * snapshot), then {@code afterRestore} in order of registration.
 *
 * <p>{@code org.crac} looks these five classes up by name: {@code Resource}, {@code Context}, {@code Core},
 * {@code CheckpointException}, {@code RestoreException}. On a plain JDK without this package, {@code org.crac}
 * silently drops registrations, so the hooks could not be reached at all.
 */
package com.web3crm.webhook.bench.harness.crac;
