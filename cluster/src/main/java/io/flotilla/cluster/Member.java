package io.flotilla.cluster;

/**
 * One member of the cluster as this node sees it.
 *
 * @param id             the member's id, unique across restarts
 * @param clusterAddress {@code host:port} of its cluster (grid) listener
 * @param httpUrl        its node's direct HTTP URL, so an operator or a test can map a member to a node;
 *                       empty when the node did not advertise one
 * @param self           whether this is the member of the node asking
 */
public record Member(String id, String clusterAddress, String httpUrl, boolean self) {
}
