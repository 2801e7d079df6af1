package io.flotilla.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SetupNotesTest {

    @Test
    void keepsEachToolsNameAndVersionOnly() {
        assertEquals("curl 7.88.1", SetupNotes.upToVersion(
                "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19 zlib/1.2.13"));
        assertEquals("wrk debian/4.1.0-3+b2", SetupNotes.upToVersion(
                "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer"));
        assertEquals("nginx version: nginx/1.22.1", SetupNotes.upToVersion("nginx version: nginx/1.22.1"));
    }
}
