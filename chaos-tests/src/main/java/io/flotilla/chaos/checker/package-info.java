/** Checkers: composable verdicts over a history (Jepsen's "checker"). */
package io.flotilla.chaos.checker;
