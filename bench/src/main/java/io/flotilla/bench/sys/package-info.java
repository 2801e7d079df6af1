/**
 * What the bench needs from the machine: processes it starts and always stops again (with their children,
 * also on Ctrl-C), free ports, Debian packages installed on demand, and the facts about the box that the
 * results' header records.
 */
package io.flotilla.bench.sys;
