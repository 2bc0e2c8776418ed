package org.magicsteps.model.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sheet's bytes, which may be read more than once (to find their encoding, to rank the INDE). */
interface Content {

    InputStream open() throws IOException;

    static Content of(Path file) {
        return () -> Files.newInputStream(file);
    }

    static Content of(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }
}
