package io.flotilla.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.bench.client.BlobFile;
import io.flotilla.bench.client.TestImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobFilesTest {

    @Test
    void everyRunOfEveryRowGetsADifferentBlobWhoseDigestMatchesItsBytes(@TempDir Path dir) throws Exception {
        BlobFiles files = BlobFiles.make(Plan.forSmoke(), dir);
        BlobFile chunked = files.row(Catalog.PUSH_512_CHUNKED).getFirst();
        assertEquals(4, chunked.parts().size());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path part : chunked.parts()) {
            all.write(Files.readAllBytes(part));
        }
        assertEquals(Plan.MIB, all.size());
        assertEquals(chunked.digest(), TestImage.digest(all.toByteArray()));
        BlobFile mono = files.row(Catalog.PUSH_512).getFirst();
        assertEquals(mono.digest(), TestImage.digest(Files.readAllBytes(mono.file())));
        assertNotEquals(mono.digest(), files.row(Catalog.PUSH_64).getFirst().digest());
        assertTrue(Files.size(files.warmup().file()) > 0);
    }
}
