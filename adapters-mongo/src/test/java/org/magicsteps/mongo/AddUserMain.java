package org.magicsteps.mongo;

import java.nio.file.Path;
import java.time.Instant;

import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;

/** What {@code magic-steps users add} does with the store: run in another JVM by {@link EmbeddedStoreIT}. */
public final class AddUserMain {

    private AddUserMain() {
    }

    /** @param args the data directory and the username */
    public static void main(String[] args) {
        try (MongoStores stores = MongoStores.embedded(Path.of(args[0]))) {
            boolean added = stores.users().add(new User(args[1], "", Role.ADMIN, new PasswordHash("$h$"), false,
                    Instant.now()));
            System.out.println((stores.ownsEmbeddedStore() ? "owner" : "attached") + " " + added);
        }
    }
}
