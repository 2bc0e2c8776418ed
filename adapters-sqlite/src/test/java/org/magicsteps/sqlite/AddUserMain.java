package org.magicsteps.sqlite;

import java.nio.file.Path;
import java.time.Instant;

import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;

/**
 * What {@code magic-steps users add} does with the store: run in another JVM by {@link
 * SharedFileIT}. Prints whether the user was added and how long that took.
 */
public final class AddUserMain {

    private AddUserMain() {
    }

    /** @param args the store file and the username */
    public static void main(String[] args) {
        try (SqliteStores stores = SqliteStores.open(Path.of(args[0]))) {
            long start = System.nanoTime();
            boolean added = stores.users().add(new User(args[1], "", Role.ADMIN, new PasswordHash("$h$"), false,
                    Instant.now()));
            System.out.println(added + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }
}
