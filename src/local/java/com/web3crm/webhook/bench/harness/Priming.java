package com.web3crm.webhook.bench.harness;

import com.web3crm.webhook.bench.harness.crac.Core;
import java.lang.reflect.Method;

/**
 * Runs what SnapStart runs between init and the first request after a restore: the functions' {@code org.crac}
 * hooks. Which hooks:
 *
 * <ol>
 *   <li>{@code registered}: the resources the function registered with {@code org.crac.Core.getGlobalContext()}
 *       (they reach {@link Core} through {@code -Dorg.crac.Core.Compat}): {@code beforeCheckpoint} of each, last
 *       registered first (resources {@code org.crac} let the GC take, because only it referenced them, are
 *       counted and skipped, as in Lambda); {@code System.gc()} (the Lambda runtime's own checkpoint hook does one before the
 *       snapshot); then {@code afterRestore} of each, in order of registration. This is the Lambda runtime's way.
 *   <li>{@code direct}: nothing registered, but the handler class implements {@code org.crac.Resource}: its
 *       {@code beforeCheckpoint(null)} / {@code afterRestore(null)} are called by reflection. Lambda would not
 *       call them (it only runs registered resources), so the report says so.
 *   <li>{@code none}: no priming routine.
 * </ol>
 */
final class Priming {
  private Priming() {}

  String mode = "none";
  int registered;
  /** Registered resources that were garbage-collected before the checkpoint (their hooks cannot run). */
  int collected;
  long beforeCheckpointNanos;
  long gcNanos;
  long afterRestoreNanos;

  static Priming run(Object handler) throws Exception {
    Priming p = new Priming();
    p.registered = Core.registered();
    if (p.registered > 0) {
      p.mode = "registered";
      p.collected = Core.collected();
      long t0 = System.nanoTime();
      Core.getGlobalContext().beforeCheckpoint(null);
      long t1 = System.nanoTime();
      System.gc();
      long t2 = System.nanoTime();
      Core.getGlobalContext().afterRestore(null);
      long t3 = System.nanoTime();
      p.beforeCheckpointNanos = t1 - t0;
      p.gcNanos = t2 - t1;
      p.afterRestoreNanos = t3 - t2;
    } else if (implementsCracResource(handler.getClass())) {
      p.mode = "direct";
      ClassLoader loader = handler.getClass().getClassLoader();
      Class<?> context = Class.forName("org.crac.Context", false, loader);
      Method before = handler.getClass().getMethod("beforeCheckpoint", context);
      Method after = handler.getClass().getMethod("afterRestore", context);
      long t0 = System.nanoTime();
      before.invoke(handler, (Object) null);
      long t1 = System.nanoTime();
      System.gc();
      long t2 = System.nanoTime();
      after.invoke(handler, (Object) null);
      long t3 = System.nanoTime();
      p.beforeCheckpointNanos = t1 - t0;
      p.gcNanos = t2 - t1;
      p.afterRestoreNanos = t3 - t2;
    }
    return p;
  }

  static boolean implementsCracResource(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals("org.crac.Resource") || implementsCracResource(i)) {
          return true;
        }
      }
    }
    return false;
  }
}
