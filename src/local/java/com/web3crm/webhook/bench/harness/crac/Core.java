package com.web3crm.webhook.bench.harness.crac;

import java.lang.ref.Reference;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * The global context {@code org.crac.Core.getGlobalContext().register(...)} ends up in when the JVM runs with
 * {@code -Dorg.crac.Core.Compat=com.web3crm.webhook.bench.harness.crac}.
 */
public final class Core {
  private Core() {}

  private static final GlobalContext GLOBAL = new GlobalContext();

  public static Context<Resource> getGlobalContext() {
    return GLOBAL;
  }

  /** The benchmark drives the hooks itself ({@link GlobalContext}); a function asking for a checkpoint gets what
   *  Lambda answers: unsupported. */
  public static void checkpointRestore() throws CheckpointException, RestoreException {
    throw new UnsupportedOperationException("checkpointRestore is not available to functions");
  }

  /** How many resources were registered so far. */
  public static int registered() {
    return GLOBAL.size();
  }

  /**
   * How many of them are gone: {@code org.crac} holds a registered resource only weakly (as the Lambda runtime
   * does), so one nothing else references is garbage-collected and its hooks never run.
   */
  public static int collected() {
    return GLOBAL.collected();
  }

  private static final class GlobalContext extends Context<Resource> {
    private final List<Resource> resources = new ArrayList<>();

    @Override
    public synchronized void register(Resource resource) {
      resources.add(resource);
    }

    synchronized int size() {
      return resources.size();
    }

    synchronized int collected() {
      int gone = 0;
      for (Resource resource : resources) {
        if (Proxy.isProxyClass(resource.getClass())
            && Proxy.getInvocationHandler(resource) instanceof Reference<?> reference
            && reference.get() == null) {
          gone++;
        }
      }
      return gone;
    }

    /** Every registered resource's hook, the last registered first; failures collected. */
    @Override
    public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
      CheckpointException failed = null;
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).beforeCheckpoint(this);
        } catch (Exception e) {
          if (failed == null) {
            failed = new CheckpointException();
          }
          failed.addSuppressed(e);
        }
      }
      if (failed != null) {
        throw failed;
      }
    }

    /** Every registered resource's hook, in order of registration; failures collected. */
    @Override
    public synchronized void afterRestore(Context<? extends Resource> context) throws RestoreException {
      RestoreException failed = null;
      for (Resource resource : resources) {
        try {
          resource.afterRestore(this);
        } catch (Exception e) {
          if (failed == null) {
            failed = new RestoreException();
          }
          failed.addSuppressed(e);
        }
      }
      if (failed != null) {
        throw failed;
      }
    }
  }
}
