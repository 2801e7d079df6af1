/** The registry node: its entry point and the wiring of stores, cluster, domain services and HTTP. */
package io.flotilla.node;
