package io.flotilla.node.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk form of the signing keys: one file per key, {@code <kid>.json}, readable by its owner only
 * (mode 600 where the file system is POSIX; the directory is 700). Each file is a small JSON object,
 * {@code {"createdAt","retiredAt","key"}}, where {@code key} is the private JWK (RFC 7517) and the times
 * are ISO-8601 instants. A JWK rather than PKCS#8 PEM, so the key and its lifetime metadata sit in one
 * file and are replaced together by one atomic rename.
 */
final class SigningKeyFiles {

    private static final String SUFFIX = ".json";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SigningKeyFiles() {
    }

    static void createDirectory(Path dir) {
        try {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the signing-key directory " + dir, e);
        }
    }

    /** Every key in the directory; a file that is not a valid P-256 private key fails loudly, never silently. */
    static List<SigningKey> readAll(Path dir) {
        List<SigningKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                keys.add(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the signing keys in " + dir, e);
        }
        return keys;
    }

    /** Writes through a temporary file and a rename, so a crash leaves the old file or the new one, never half. */
    static void write(Path dir, SigningKey key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("createdAt", key.createdAt().toString());
        if (key.retired()) {
            json.put("retiredAt", key.retiredAt().toString());
        }
        json.put("key", key.privateJwk().toJSONObject());
        byte[] bytes = JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
        try {
            Path temp = POSIX
                    ? Files.createTempFile(dir, key.kid(), ".tmp", ownerOnly())
                    : Files.createTempFile(dir, key.kid(), ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(bytes));
                    channel.force(true);
                }
                Files.move(temp, fileOf(dir, key.kid()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write signing key " + key.kid(), e);
        }
    }

    static void delete(Path dir, String kid) {
        try {
            Files.deleteIfExists(fileOf(dir, kid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete signing key " + kid, e);
        }
    }

    static Path fileOf(Path dir, String kid) {
        return dir.resolve(kid + SUFFIX);
    }

    private static SigningKey read(Path file) throws IOException {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(Files.readString(file, StandardCharsets.UTF_8));
            ECKey parsed = ECKey.parse(JSONObjectUtils.getJSONObject(json, "key"));
            if (!Curve.P_256.equals(parsed.getCurve()) || !parsed.isPrivate()) {
                throw new IOException("not a P-256 private key: " + file);
            }
            // The kid is recomputed, not trusted: it must stay the thumbprint whatever the file says.
            ECKey key = new ECKey.Builder(parsed).keyIDFromThumbprint().build();
            String retiredAt = JSONObjectUtils.getString(json, "retiredAt");
            return new SigningKey(key, Instant.parse(JSONObjectUtils.getString(json, "createdAt")),
                    retiredAt == null ? null : Instant.parse(retiredAt));
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw new IOException("unreadable signing key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
