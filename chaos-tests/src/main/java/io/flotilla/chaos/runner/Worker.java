package io.flotilla.chaos.runner;

import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.generator.OpGenerator;
import io.flotilla.chaos.generator.Plan;
import io.flotilla.chaos.generator.ProcessState;
import io.flotilla.chaos.generator.RateLimiter;
import io.flotilla.chaos.history.Op;
import java.util.SplittableRandom;

/**
 * One client process: asks the generator for its next op, performs it through the recording client (one at a
 * time, paced by the shared limiter), and tells its state what was written, until the deadline.
 */
final class Worker implements Runnable {

    private final int process;
    private final RecordingClient client;
    private final OpGenerator generator;
    private final SplittableRandom rng;
    private final RateLimiter limiter;
    private final long deadlineNanos;
    private final ProcessState state = new ProcessState();
    private final ImagePush images;

    Worker(int process, RecordingClient client, OpGenerator generator, SplittableRandom rng, RateLimiter limiter,
           long deadlineNanos) {
        this.process = process;
        this.client = client;
        this.generator = generator;
        this.rng = rng;
        this.limiter = limiter;
        this.deadlineNanos = deadlineNanos;
        this.images = new ImagePush(client, process);
    }

    @Override
    public void run() {
        while (System.nanoTime() < deadlineNanos) {
            limiter.acquire();
            if (System.nanoTime() >= deadlineNanos) {
                return;
            }
            perform(generator.next(state, rng));
        }
    }

    private void perform(Plan plan) {
        switch (plan) {
            case Plan.PushBlob p -> {
                if (client.pushBlob(process, p.repo(), p.content()).type() == Op.Type.OK) {
                    state.blobPushed(p.repo(), p.digest(), p.content().length);
                }
            }
            case Plan.PushManifest p -> {
                if (client.pushManifest(process, p.repo(), p.digest(), p.manifest()).type() == Op.Type.OK) {
                    state.manifestPushed(p.repo(), p.digest(), p.manifest());
                }
            }
            case Plan.MoveTag p -> {
                state.tagAttempted(p.digest());
                client.moveTag(process, p.repo(), p.tag(), p.digest(), p.manifest());
            }
            case Plan.PullTag p -> client.pullTag(process, p.repo(), p.tag());
            case Plan.PullDigest p -> {
                if (p.manifest()) {
                    client.pullManifest(process, p.repo(), p.digest());
                } else {
                    client.pullBlob(process, p.repo(), p.digest());
                }
            }
            case Plan.PushImage p -> {
                if (p.tag() != null) {
                    state.tagAttempted(p.digest());  // an INFO may have tagged it: never delete it
                }
                Op put = images.push(p.repo(), p.tag(), p.digest(), p.manifest(), p.blobs(), p.reused());
                if (put != null && put.type() == Op.Type.OK) {
                    state.imagePushed(new ProcessState.Image(p.repo(), p.digest(), p.manifest(), p.blobs()));
                }
            }
            case Plan.Retag p -> {
                state.tagAttempted(p.digest());
                images.put(p.repo(), p.tag(), p.digest(), p.manifest(), p.blobs());
            }
            case Plan.Delete p -> {
                state.deleteAttempted(p.repo(), p.digest());
                client.deleteManifest(process, p.repo(), p.digest());
            }
        }
    }
}
