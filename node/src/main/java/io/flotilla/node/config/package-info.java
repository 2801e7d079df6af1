/**
 * The node's configuration: one typed tree, read from the defaults in {@code flotilla-defaults.yaml},
 * an optional YAML file and {@code FLOTILLA_*} environment variables, in that order.
 */
package io.flotilla.node.config;
