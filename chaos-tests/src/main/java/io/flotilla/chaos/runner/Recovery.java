package io.flotilla.chaos.runner;

import io.flotilla.chaos.client.ClusterView;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.db.Db;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits after the final heal until the cluster is whole again: every node answers /readyz with 200 and sees
 * every node as a grid member. Final reads before that would blame the registry for the harness's impatience.
 */
final class Recovery {

    private static final long POLL_MILLIS = 1000;

    private Recovery() {
    }

    /** Answers how long recovery took, or the last state seen if it did not recover within {@code limit}. */
    static Result await(Db db, OciClient client, Duration limit) {
        long start = System.nanoTime();
        String seen = "";
        while (System.nanoTime() - start < limit.toNanos()) {
            seen = check(db, client);
            if (seen.isEmpty()) {
                return new Result(true, Duration.ofNanos(System.nanoTime() - start), "");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Result(false, Duration.ofNanos(System.nanoTime() - start), seen);
    }

    /** What is still wrong, node by node; empty when the cluster is whole. */
    private static String check(Db db, OciClient client) {
        List<String> wrong = new ArrayList<>();
        int expected = db.nodes().size();
        for (String node : db.nodes()) {
            try {
                int ready = client.get(db.node(node), "/readyz").status();
                int members = ClusterView.of(client, db.node(node)).members();
                if (ready != 200 || members != expected) {
                    wrong.add(node + ": readyz " + ready + ", sees " + members + "/" + expected + " members");
                }
            } catch (RuntimeException e) {
                wrong.add(node + ": " + e.getMessage());
            }
        }
        return String.join("; ", wrong);
    }

    record Result(boolean recovered, Duration took, String lastSeen) {
    }
}
