/**
 * Access control on the wire: the {@code Authorization} header parsed as hostile input, the helidon-security
 * provider that turns it into a caller, the gate in front of {@code /v2} with its Bearer challenges, and the
 * Docker token endpoint {@code /service/token}.
 */
package io.flotilla.node.auth.http;
