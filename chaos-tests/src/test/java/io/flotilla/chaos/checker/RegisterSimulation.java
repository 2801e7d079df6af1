package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Histories from a simulated atomic register per key, so they are linearizable by construction: each process
 * repeatedly invokes, takes effect at one instant (its linearization point), then completes, and a random
 * scheduler interleaves these steps across processes. Some writes end INFO, having taken effect or not.
 */
final class RegisterSimulation {

    private final Random random;
    private final List<Op> ops = new ArrayList<>();
    private final Map<String, String> registers = new HashMap<>();
    private long clock;

    RegisterSimulation(long seed) {
        this.random = new Random(seed);
    }

    History run(int processes, int opsPerProcess, List<String> keys) {
        Client[] clients = new Client[processes];
        for (int p = 0; p < processes; p++) {
            clients[p] = new Client(p, opsPerProcess);
        }
        int live = processes;
        while (live > 0) {
            Client c = clients[random.nextInt(processes)];
            if (c.left == 0) {
                continue;
            }
            c.step(keys);
            if (c.left == 0) {
                live--;
            }
        }
        return History.of(ops);
    }

    private void add(int process, Op.Type type, String f, String key, String value) {
        ops.add(new Op(ops.size(), process, type, f, key, value, clock += 1 + random.nextInt(1_000_000), null));
    }

    /** One process: invoke, then take effect, then complete; three scheduler steps per operation. */
    private final class Client {
        final int process;
        int left;
        int phase;
        String f;
        String key;
        String value;
        boolean info;
        int written;

        Client(int process, int ops) {
            this.process = process;
            this.left = ops;
        }

        void step(List<String> keys) {
            switch (phase) {
                case 0 -> invoke(keys);
                case 1 -> takeEffect();
                default -> complete();
            }
            phase = (phase + 1) % 3;
        }

        private void invoke(List<String> keys) {
            key = keys.get(random.nextInt(keys.size()));
            boolean write = random.nextBoolean();
            f = write ? "move-tag" : "pull-tag";
            value = write ? "sha256:p" + process + "w" + written++ : null;
            info = write && random.nextInt(10) == 0;
            add(process, Op.Type.INVOKE, f, key, value);
        }

        private void takeEffect() {
            if (f.equals("move-tag")) {
                if (!info || random.nextBoolean()) { // an INFO write may or may not happen
                    registers.put(key, value);
                }
            } else {
                value = registers.get(key);
            }
        }

        private void complete() {
            add(process, info ? Op.Type.INFO : Op.Type.OK, f, key, f.equals("pull-tag") ? value : null);
            left--;
        }
    }
}
