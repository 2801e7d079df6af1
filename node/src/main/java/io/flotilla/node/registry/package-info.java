/**
 * The registry's domain services: push, pull, tags, listings and referrers. They know nothing of HTTP;
 * they raise {@link io.flotilla.node.registry.RegistryException} with an OCI error code, which the HTTP
 * layer maps to a response in one place.
 */
package io.flotilla.node.registry;
