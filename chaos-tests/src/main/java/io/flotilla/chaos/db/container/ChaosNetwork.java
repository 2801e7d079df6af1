package io.flotilla.chaos.db.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A user-defined bridge network of one run, with a subnet of its own (10.213.K.0/24), so every node gets a
 * fixed address: the join list, the balancer and the iptables rules name it, and a restarted container keeps
 * it. K is tried at random until Docker accepts it, as Docker refuses a subnet another network holds.
 */
final class ChaosNetwork {

    private final DockerClient docker;
    private final String name;
    private final String prefix;
    private final String id;

    ChaosNetwork(DockerClient docker, String name) {
        this.docker = docker;
        this.name = name;
        String[] created = create(docker, name);
        this.prefix = created[0];
        this.id = created[1];
    }

    /** Answers {prefix, id} of the created network. */
    private static String[] create(DockerClient docker, String name) {
        DockerException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            String candidate = "10.213." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
            try {
                String id = docker.createNetworkCmd().withName(name).withDriver("bridge")
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                                .withSubnet(candidate + "0/24").withGateway(candidate + "1")))
                        .exec().getId();
                return new String[] {candidate, id};
            } catch (DockerException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no free 10.213.K.0/24 subnet for network " + name, last);
    }

    String name() {
        return name;
    }

    /** Node i's address: .11, .12, ... (the gateway is .1). */
    String address(int node) {
        return prefix + (10 + node);
    }

    void remove() {
        try {
            docker.removeNetworkCmd(id).exec();
        } catch (DockerException e) {
            System.err.println("could not remove network " + name + ": " + e.getMessage());
        }
    }
}
