/** Operator endpoints under {@code /admin}: what an operator or the chaos harness asks a node about itself. */
package io.flotilla.node.admin;
