package io.flotilla.chaos.runner;

import io.flotilla.chaos.checker.Checker;
import io.flotilla.chaos.generator.Generator;
import io.flotilla.chaos.generator.OpGenerator;
import java.util.List;
import java.util.Map;

/**
 * The registry workload most scenarios run: {@link Generator}'s mix of blob and manifest pushes, tag moves,
 * reads and deletes, on nodes with their default settings, judged by what the registry always promises.
 */
public final class RegistryWorkload implements Workload {

    public static final RegistryWorkload INSTANCE = new RegistryWorkload();

    private RegistryWorkload() {
    }

    @Override
    public Map<String, String> nodeEnv() {
        return Map.of();
    }

    @Override
    public OpGenerator generator(long seed) {
        return new Generator();
    }

    @Override
    public List<Checker> checkers() {
        return CheckerSet.all();
    }
}
