package io.flotilla.storage.rados;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The object stored under a piece's key: it says where the piece's bytes are, and holds them itself when
 * they are few. One ASCII line, then the inline bytes:
 * <pre>
 *   flotilla-piece 1 &lt;size&gt; &lt;chunks&gt; &lt;dataPrefix&gt;\n&lt;inline bytes, when chunks is 0&gt;
 * </pre>
 * A piece of {@code chunks > 0} keeps its bytes in the objects {@code <dataPrefix>:<index>}, each
 * {@link #CHUNK_SIZE} bytes but the last (one RADOS object holds at most 128 MiB). A head is written once,
 * with an exclusive create, after every chunk it names is durable: it is the piece's commit marker.
 */
record Head(long size, int chunks, String dataPrefix, byte[] inline) {
    static final long CHUNK_SIZE = 64L << 20;
    /** Pieces up to this size live inside their head: one object, one round trip to read. */
    static final int INLINE_MAX = 64 * 1024;
    /** Reading this much of a head object gets the line and any inline bytes. */
    static final int READ_SIZE = INLINE_MAX + 2048;

    private static final String MAGIC = "flotilla-piece 1 ";

    static Head inline(byte[] bytes) {
        return new Head(bytes.length, 0, "-", bytes);
    }

    static Head chunked(long size, String dataPrefix) {
        return new Head(size, chunkCount(size), dataPrefix, null);
    }

    static int chunkCount(long size) {
        return Math.toIntExact((size + CHUNK_SIZE - 1) / CHUNK_SIZE);
    }

    /** The object holding chunk {@code index} of the data under {@code prefix}. */
    static String chunkName(String prefix, long index) {
        String digits = Long.toString(index);
        return prefix + ":" + "000000".substring(Math.min(6, digits.length())) + digits;
    }

    boolean isInline() {
        return chunks == 0;
    }

    byte[] encode() {
        byte[] line = (MAGIC + size + " " + chunks + " " + dataPrefix + "\n").getBytes(StandardCharsets.US_ASCII);
        if (!isInline()) {
            return line;
        }
        byte[] out = Arrays.copyOf(line, line.length + inline.length);
        System.arraycopy(inline, 0, out, line.length, inline.length);
        return out;
    }

    /** Parses the first {@code length} bytes of the object under {@code key}. */
    static Head parse(String key, byte[] bytes, int length) throws IOException {
        int newline = -1;
        for (int i = 0; i < Math.min(length, 2048); i++) {
            if (bytes[i] == '\n') {
                newline = i;
                break;
            }
        }
        String line = newline < 0 ? "" : new String(bytes, 0, newline, StandardCharsets.US_ASCII);
        if (!line.startsWith(MAGIC)) {
            throw new IOException("the object under " + key + " is not a Flotilla piece head");
        }
        String[] f = line.substring(MAGIC.length()).split(" ");
        try {
            long size = Long.parseLong(f[0]);
            int chunks = Integer.parseInt(f[1]);
            if (f.length != 3 || size < 0 || chunks != (chunks == 0 ? 0 : chunkCount(size))) {
                throw new NumberFormatException(line);
            }
            if (chunks > 0) {
                return new Head(size, chunks, f[2], null);
            }
            if (length - newline - 1 != size) {
                throw new IOException("the head under " + key + " holds " + (length - newline - 1)
                        + " inline bytes, not " + size);
            }
            return new Head(size, 0, f[2], Arrays.copyOfRange(bytes, newline + 1, length));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("the object under " + key + " has a malformed head: " + line, e);
        }
    }
}
