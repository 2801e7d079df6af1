/** The command line of the chaos harness ({@code ./flotilla chaos}). */
package io.flotilla.chaos.cli;
