package io.flotilla.chaos.db.container;

import org.testcontainers.images.ImagePullPolicy;

/**
 * A pull policy that never pulls: no registry is reachable from here, and a pull attempt stalls for minutes
 * before failing. Every image the harness runs is built locally with an explicit tag (deploy/chaos/images.sh),
 * so a missing image is a bug to see at once (Docker's "no such image"), not a reason to go to the network.
 */
final class NeverPull {

    static final ImagePullPolicy POLICY = imageName -> false;

    private NeverPull() {
    }
}
