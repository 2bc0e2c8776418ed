package org.magicsteps.mongo;

import java.util.Date;

import org.bson.Document;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.PortException;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/** A {@link User} as a document of the {@code users} collection. */
final class UserDocuments {

    static final String COLLECTION = "users";
    static final String USERNAME = "username";
    private static final String FULL_NAME = "full_name";
    private static final String ROLE = "role";
    private static final String PASSWORD_HASH = "password_hash";
    private static final String DISABLED = "disabled";
    private static final String CREATED_AT = "created_at";

    private UserDocuments() {
    }

    static void createIndexes(MongoCollection<Document> users) {
        users.createIndex(Indexes.ascending(USERNAME), new IndexOptions().unique(true).name("username_unique"));
    }

    static Document toDocument(User user) {
        return new Document(USERNAME, user.username())
                .append(FULL_NAME, user.fullName())
                .append(ROLE, user.role().label())
                .append(PASSWORD_HASH, user.passwordHash().encoded())
                .append(DISABLED, user.disabled())
                .append(CREATED_AT, Date.from(user.createdAt()));
    }

    /**
     * @throws PortException naming the document when it is not a user we can read
     */
    static User fromDocument(Document doc) {
        try {
            return new User(doc.getString(USERNAME), doc.getString(FULL_NAME), Role.fromLabel(doc.getString(ROLE)),
                    new PasswordHash(doc.getString(PASSWORD_HASH)), Boolean.TRUE.equals(doc.getBoolean(DISABLED)),
                    doc.getDate(CREATED_AT).toInstant());
        } catch (RuntimeException e) {
            throw new PortException("MongoDB: the document " + doc.get("_id") + " of '" + COLLECTION
                    + "' is not a user we can read: " + e.getMessage(), e);
        }
    }
}
