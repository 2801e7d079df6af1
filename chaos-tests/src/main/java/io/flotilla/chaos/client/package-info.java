/**
 * The harness's client side: an OCI Distribution client over {@link java.net.http.HttpClient} whose calls can be
 * aimed at one chosen node and sign in through {@link io.flotilla.chaos.client.auth.RegistryAuth}, helpers to build valid OCI image manifests, a bounded {@link io.flotilla.chaos.client.Retry},
 * a reader for a node's Prometheus counters, and {@link io.flotilla.chaos.client.GcAdmin} for the GC admin API.
 */
package io.flotilla.chaos.client;
