package io.flotilla.chaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OciClientTest {

    @Test
    void reaimsAnUploadUrlAtAnotherNodeKeepingPathAndQuery() {
        URI upload = URI.create("http://127.0.0.1:8000/v2/a/b/blobs/uploads/abc?state=x%2By");
        assertEquals(URI.create("http://127.0.0.1:9001/v2/a/b/blobs/uploads/abc?state=x%2By"),
                OciClient.on(upload, URI.create("http://127.0.0.1:9001")));
    }
}
