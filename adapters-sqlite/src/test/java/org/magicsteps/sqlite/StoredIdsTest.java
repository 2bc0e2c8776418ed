package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class StoredIdsTest {

    @Test
    void aCanonicalUuidIsStoredAsItsSixteenBytesAndReadBackAsTheSameText() {
        for (int i = 0; i < 1000; i++) {
            String id = UUID.randomUUID().toString();
            Object stored = StoredIds.stored(id);
            assertTrue(stored instanceof byte[] bytes && bytes.length == 16, id);
            assertEquals(id, StoredIds.text(stored));
        }
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                (byte[]) StoredIds.stored("00000000-0000-0000-0000-000000000001"));
    }

    @Test
    void anyOtherIdStaysTextSoThatItReadsBackAsItWas() {
        for (String id : List.of("p-1", "0F6F1C1E-5D87-4C61-9D8C-7E0F3B0D2A4B", "0f6f1c1e5d874c619d8c7e0f3b0d2a4b",
                "0f6f1c1e-5d87-4c61-9d8c-7e0f3b0d2a4", "0f6f1c1e-5d87-4c61-9d8c-7e0f3b0d2a4bc",
                "0f6f1c1e+5d87-4c61-9d8c-7e0f3b0d2a4b", "0f6f1c1e-5d87-4c61-9d8c-7e0f3b0d2a4g", "")) {
            assertEquals(id, StoredIds.stored(id), id);
            assertEquals(id, StoredIds.text(StoredIds.stored(id)));
        }
        assertEquals(null, StoredIds.stored(null));
        assertEquals(null, StoredIds.text(null));
    }

    @Test
    void bytesOfAnotherLengthAreNotAnId() {
        assertThrows(IllegalArgumentException.class, () -> StoredIds.text(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> StoredIds.text(42L));
    }
}
