package io.flotilla.bench.sys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line with its working directory and environment changes.
 *
 * @param argv   the program and its arguments
 * @param dir    working directory, or null for the bench's own
 * @param env    variables to set on top of the inherited environment
 * @param unset  prefixes of inherited variables to drop first (e.g. {@code FLOTILLA_}, so that a node runs on its
 *               defaults whatever the caller exported)
 */
public record Command(List<String> argv, Path dir, Map<String, String> env, List<String> unset) {

    public Command {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        unset = List.copyOf(unset);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, Map.of(), List.of());
    }

    public static Command of(List<String> argv) {
        return new Command(argv, null, Map.of(), List.of());
    }

    public Command in(Path directory) {
        return new Command(argv, directory, env, unset);
    }

    public Command with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(key, value);
        return new Command(argv, dir, more, unset);
    }

    public Command with(Map<String, String> variables) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.putAll(variables);
        return new Command(argv, dir, more, unset);
    }

    public Command without(String prefix) {
        List<String> more = new ArrayList<>(unset);
        more.add(prefix);
        return new Command(argv, dir, env, more);
    }

    ProcessBuilder builder() {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().keySet().removeIf(k -> unset.stream().anyMatch(k::startsWith));
        pb.environment().putAll(env);
        return pb;
    }

    /** The program and its first arguments, short enough for an error message. */
    public String brief() {
        String joined = String.join(" ", argv);
        return joined.length() <= 120 ? joined : joined.substring(0, 117) + "...";
    }
}
