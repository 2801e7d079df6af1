/**
 * How the harness signs in to a registry whose access control is on: the {@link
 * io.flotilla.chaos.client.auth.Credentials} it gave the nodes (the bootstrap admin, a random password per
 * cluster), and the {@link io.flotilla.chaos.client.auth.RegistryAuth} policies its HTTP clients send requests
 * through: Docker token auth (challenge, token per scope, cached until shortly before it expires), Basic on
 * every request, or nothing (for fakes without auth).
 */
package io.flotilla.chaos.client.auth;
