package org.magicsteps.mongo;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend, made to acknowledge only what is on disk. The stock backend
 * leaves changes in memory until H2's background commit, up to a second later, so a crash could
 * lose writes it had acknowledged; this one commits and syncs the H2 file after every command that
 * changed something, as MongoDB does for a write with {@code j: true}.
 */
final class CommittingH2Backend extends H2Backend {

    CommittingH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            MVStore store = getMvStore();
            // Also after a failed command: an unordered insert may have stored part of its documents.
            if (!store.isClosed() && store.hasUnsavedChanges()) {
                store.commit();
                store.sync();
            }
        }
    }
}
