package org.magicsteps.mongo;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.SettingsStore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Settings in the {@code settings} collection. Nothing is cached: every read goes to the primary,
 * so a change made through one replica is seen by the others on their next read (core's
 * {@code ReadThreshold} reads at most every 500 ms).
 */
public final class MongoSettingsStore implements SettingsStore, HealthReporting {

    private final MongoCollection<Document> settings;
    private final Connection connection;

    MongoSettingsStore(Connection connection) {
        this.connection = connection;
        this.settings = connection.collection(SettingsDocuments.COLLECTION);
    }

    @Override
    public Optional<ThresholdSetting> threshold() {
        try {
            Document doc = settings.find(Filters.eq("_id", SettingsDocuments.THRESHOLD_ID))
                    .projection(Projections.exclude(SettingsDocuments.HISTORY)).first();
            return Optional.ofNullable(doc).map(SettingsDocuments::fromDocument);
        } catch (MongoException e) {
            throw MongoFailures.wrap("reading the threshold", e);
        }
    }

    @Override
    public void saveThreshold(ThresholdSetting setting) {
        Document fields = SettingsDocuments.toDocument(setting);
        try {
            // One atomic update: the setting in force and its audit entry cannot part.
            settings.updateOne(Filters.eq("_id", SettingsDocuments.THRESHOLD_ID),
                    Updates.combine(
                            Updates.set(SettingsDocuments.THRESHOLD, fields.get(SettingsDocuments.THRESHOLD)),
                            Updates.set(SettingsDocuments.UPDATED_AT, fields.get(SettingsDocuments.UPDATED_AT)),
                            Updates.set(SettingsDocuments.UPDATED_BY, fields.get(SettingsDocuments.UPDATED_BY)),
                            Updates.set(SettingsDocuments.MODEL_VERSION, fields.get(SettingsDocuments.MODEL_VERSION)),
                            Updates.pushEach(SettingsDocuments.HISTORY, List.of(fields), new PushOptions().position(0))),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            throw MongoFailures.wrap("saving the threshold", e);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    @Override
    public List<ThresholdSetting> thresholdHistory(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        try {
            Document doc = settings.find(Filters.eq("_id", SettingsDocuments.THRESHOLD_ID))
                    .projection(Projections.slice(SettingsDocuments.HISTORY, limit)).first();
            if (doc == null) {
                return List.of();
            }
            return doc.getList(SettingsDocuments.HISTORY, Document.class, List.of()).stream()
                    .map(SettingsDocuments::fromDocument).toList();
        } catch (MongoException e) {
            throw MongoFailures.wrap("reading the threshold history", e);
        }
    }

    @Override
    public ComponentHealth health() {
        return connection.health();
    }
}
