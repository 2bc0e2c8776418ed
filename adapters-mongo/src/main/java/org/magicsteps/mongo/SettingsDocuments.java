package org.magicsteps.mongo;

import java.util.Date;

import org.bson.Document;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.PortException;

/**
 * The {@code settings} collection: one document per setting, keyed by {@code _id}. The threshold's
 * document holds the setting in force and, in {@code history}, every change newest first, so that a
 * change and its audit entry are written by one atomic update.
 */
final class SettingsDocuments {

    static final String COLLECTION = "settings";
    static final String THRESHOLD_ID = "threshold";
    static final String HISTORY = "history";
    static final String THRESHOLD = "threshold";
    static final String UPDATED_AT = "updated_at";
    static final String UPDATED_BY = "updated_by";
    static final String MODEL_VERSION = "model_version";

    private SettingsDocuments() {
    }

    /** The fields of a setting, as both the document in force and a history entry carry them. */
    static Document toDocument(ThresholdSetting setting) {
        return new Document(THRESHOLD, setting.threshold().value())
                .append(UPDATED_AT, Date.from(setting.updatedAt()))
                .append(UPDATED_BY, setting.updatedBy())
                .append(MODEL_VERSION, setting.modelVersion());
    }

    /**
     * @throws PortException when the document is not a threshold setting we can read
     */
    static ThresholdSetting fromDocument(Document doc) {
        try {
            return new ThresholdSetting(new Threshold(doc.get(THRESHOLD, Number.class).doubleValue()),
                    doc.getDate(UPDATED_AT).toInstant(), doc.getString(UPDATED_BY), doc.getString(MODEL_VERSION));
        } catch (RuntimeException e) {
            throw new PortException("MongoDB: the threshold setting in '" + COLLECTION + "' cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
