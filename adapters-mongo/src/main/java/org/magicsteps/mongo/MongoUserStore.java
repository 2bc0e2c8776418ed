package org.magicsteps.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.UserStore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/**
 * The users in the {@code users} collection, one document per user, unique by username. {@link
 * #add} relies on the unique index, so two concurrent registrations of one name cannot both win,
 * whichever replica they reach.
 */
public final class MongoUserStore implements UserStore, HealthReporting {

    private final MongoCollection<Document> users;
    private final IndexesOnce indexes;
    private final Connection connection;

    MongoUserStore(Connection connection) {
        this.connection = connection;
        this.users = connection.collection(UserDocuments.COLLECTION);
        this.indexes = new IndexesOnce(UserDocuments.COLLECTION, () -> UserDocuments.createIndexes(users));
    }

    @Override
    public Optional<User> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        try {
            Document doc = users.find(Filters.eq(UserDocuments.USERNAME, username)).first();
            return Optional.ofNullable(doc).map(UserDocuments::fromDocument);
        } catch (MongoException e) {
            throw MongoFailures.wrap("reading user '" + username + "'", e);
        }
    }

    @Override
    public boolean add(User user) {
        indexes.ensure();
        try {
            users.insertOne(UserDocuments.toDocument(user));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw MongoFailures.wrap("adding user '" + user.username() + "'", e);
        } catch (MongoException e) {
            throw MongoFailures.wrap("adding user '" + user.username() + "'", e);
        }
    }

    @Override
    public boolean replace(User user) {
        indexes.ensure();
        try {
            return users.replaceOne(Filters.eq(UserDocuments.USERNAME, user.username()), UserDocuments.toDocument(user))
                    .getMatchedCount() > 0;
        } catch (MongoException e) {
            throw MongoFailures.wrap("replacing user '" + user.username() + "'", e);
        }
    }

    @Override
    public List<User> list() {
        try {
            List<User> all = new ArrayList<>();
            for (Document doc : users.find().sort(Sorts.ascending(UserDocuments.USERNAME))) {
                all.add(UserDocuments.fromDocument(doc));
            }
            return all;
        } catch (MongoException e) {
            throw MongoFailures.wrap("listing users", e);
        }
    }

    @Override
    public ComponentHealth health() {
        return connection.health();
    }
}
