/** The recorded history of a chaos run: client and nemesis operations, in order (Jepsen's "history"). */
package io.flotilla.chaos.history;
