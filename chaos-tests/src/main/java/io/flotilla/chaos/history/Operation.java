package io.flotilla.chaos.history;

import java.util.Objects;

/**
 * An invoke together with its completion, which is null when the history ended first: such an operation is
 * treated as {@code INFO}, since it may or may not have happened.
 */
public record Operation(Op invoke, Op completion) {

    public Operation {
        Objects.requireNonNull(invoke, "invoke");
        if (!invoke.isInvoke()) {
            throw new IllegalArgumentException("not an invoke: " + invoke);
        }
        if (completion != null && completion.isInvoke()) {
            throw new IllegalArgumentException("not a completion: " + completion);
        }
    }

    /** OK, FAIL or INFO; INFO also when the operation never completed. */
    public Op.Type type() {
        return completion == null ? Op.Type.INFO : completion.type();
    }

    public boolean is(Op.Type type) {
        return type() == type;
    }

    public int process() {
        return invoke.process();
    }

    public String f() {
        return invoke.f();
    }

    public String key() {
        return invoke.key();
    }

    /** The value the client sent (e.g. the digest move-tag writes). */
    public String sent() {
        return invoke.value();
    }

    /** The blobs a manifest write names (config, then layers); empty for other operations. */
    public java.util.List<String> refs() {
        return invoke.refs();
    }

    /** The value the completion carried (e.g. the digest pull-tag read), null without a completion. */
    public String received() {
        return completion == null ? null : completion.value();
    }

    public long invokeNanos() {
        return invoke.timeNanos();
    }

    /** When the completion was recorded; {@link Long#MAX_VALUE} when there is none. */
    public long completeNanos() {
        return completion == null ? Long.MAX_VALUE : completion.timeNanos();
    }

    /** History index of the completion; {@link Long#MAX_VALUE} when there is none. */
    public long completeIndex() {
        return completion == null ? Long.MAX_VALUE : completion.index();
    }

    /** Short human form for evidence: "#12..#15 p3 move-tag a/b:t sha256:x ok 1.200..3.400 ms". */
    public String describe() {
        StringBuilder s = new StringBuilder("#").append(invoke.index()).append("..");
        s.append(completion == null ? "?" : String.valueOf(completion.index()));
        s.append(" p").append(process()).append(' ').append(f()).append(' ').append(key());
        if (invoke.value() != null) {
            s.append(" sent=").append(invoke.value());
        }
        s.append(' ').append(type().name().toLowerCase(java.util.Locale.ROOT));
        if (completion != null && completion.type() == Op.Type.OK && !invoke.f().equals("move-tag")) {
            s.append(" got=").append(completion.value());
        }
        if (completion != null && completion.error() != null) {
            s.append(" (").append(completion.error()).append(')');
        }
        s.append(String.format(java.util.Locale.ROOT, " %.3f..", invokeNanos() / 1e6));
        s.append(completion == null ? "?" : String.format(java.util.Locale.ROOT, "%.3f", completeNanos() / 1e6));
        return s.append(" ms").toString();
    }
}
