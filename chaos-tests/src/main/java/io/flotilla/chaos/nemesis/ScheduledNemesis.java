package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A nemesis that injects one kind of fault per cycle of its {@link Schedule}: wait a gap, inject, hold it,
 * undo it. Stopping cuts the current wait short and undoes the fault in place, so the run's end is healed.
 * Subclasses say only how to inject (and what undoes it).
 */
public abstract class ScheduledNemesis implements Nemesis {

    private final Schedule schedule;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    protected ScheduledNemesis(Schedule schedule) {
        this.schedule = schedule;
    }

    /** Injects a fault (recording it with {@link Fault#apply}); empty when there is nothing to do this cycle. */
    abstract Optional<Fault> inject(Db db, History history, SplittableRandom rng);

    @Override
    public final void start(Db db, History history, SplittableRandom random) {
        thread = Thread.ofPlatform().name("nemesis").start(() -> loop(db, history, random));
    }

    private void loop(Db db, History history, SplittableRandom rng) {
        while (!sleep(schedule.nextGap(rng).toMillis())) {
            Optional<Fault> fault;
            try {
                fault = inject(db, history, rng);
            } catch (RuntimeException e) {
                // A failed injection is already recorded; the schedule goes on.
                fault = Optional.empty();
            }
            long length = schedule.nextLength(rng).toMillis();
            fault.ifPresent(f -> {
                sleep(length);
                f.undo(db, history);
            });
        }
    }

    /** Sleeps up to {@code millis}; answers true when the nemesis was stopped meanwhile. */
    private boolean sleep(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public final void stop() {
        stopped.countDown();
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String pick(java.util.List<String> nodes, SplittableRandom rng) {
        return nodes.get(rng.nextInt(nodes.size()));
    }
}
