package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.SplittableRandom;

/** No faults: the baseline a faulty run's numbers are compared with. */
public final class NoNemesis implements Nemesis {

    @Override
    public void start(Db db, History history, SplittableRandom random) {
    }

    @Override
    public void stop() {
    }
}
