package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two tables a prediction record points into: {@code feature_layouts} (the names of its
 * features, in order) and {@code model_versions}. One per open file, shared by the writer and the
 * readers.
 */
final class Dictionaries {

    /** More distinct layouts than this are still stored and read, just not remembered. */
    private static final int REMEMBERED_LAYOUTS = 1_000;

    private final Dictionary layouts = new Dictionary("feature_layouts", "names");
    private final Dictionary models = new Dictionary("model_versions", "version");
    private final Map<List<String>, String> layoutText = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> layoutNames = new ConcurrentHashMap<>();

    Dictionary layouts() {
        return layouts;
    }

    Dictionary models() {
        return models;
    }

    /** The layout of features with these names, as stored (a JSON array). */
    String layout(List<String> names) {
        String text = layoutText.get(names);
        if (text == null) {
            text = FeatureJson.layout(names);
            if (layoutText.size() < REMEMBERED_LAYOUTS) {
                layoutText.put(names, text);
            }
        }
        return text;
    }

    /** The names of layout {@code id}, in order. */
    List<String> layoutNames(Connection connection, long id) throws SQLException {
        List<String> names = layoutNames.get(id);
        if (names == null) {
            names = FeatureJson.readLayout(layouts.value(connection, id));
            if (layoutNames.size() < REMEMBERED_LAYOUTS) {
                layoutNames.put(id, names);
            }
        }
        return names;
    }

    /** The writer's transaction committed. */
    void committed() {
        layouts.committed();
        models.committed();
    }

    /** The writer's transaction rolled back. */
    void rolledBack() {
        layouts.rolledBack();
        models.rolledBack();
    }
}
