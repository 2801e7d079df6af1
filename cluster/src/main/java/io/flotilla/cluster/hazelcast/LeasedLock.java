package io.flotilla.cluster.hazelcast;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import io.flotilla.cluster.Locks;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One taken lock. Releases once; a release that finds the lock already gone is not an error. */
final class LeasedLock implements Locks.Held {

    private static final Logger LOG = Logger.getLogger(LeasedLock.class.getName());

    private final IMap<String, Object> map;
    private final String name;
    private final AtomicBoolean open = new AtomicBoolean(true);

    LeasedLock(IMap<String, Object> map, String name) {
        this.map = map;
        this.name = name;
    }

    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        try {
            map.unlock(name);
        } catch (IllegalMonitorStateException e) {
            // The lease ran out (someone else may hold it now), or this is not the taking thread.
            LOG.log(Level.FINE, "lock {0} was no longer ours to release", name);
        } catch (HazelcastInstanceNotActiveException e) {
            // This member has left: its locks went with it.
            LOG.log(Level.FINE, "lock {0} released by the member leaving", name);
        }
    }
}
