package io.flotilla.chaos.checker;

import java.util.List;
import java.util.Map;

/** One checker's judgement. MINIMAL stand-in from the runner's worktree; the checkers' worktree owns it. */
public record Verdict(String checker, boolean valid, List<String> evidence, Map<String, Object> stats) {
}
