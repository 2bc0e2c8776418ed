package org.magicsteps.sqlite;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.testing.Students;

/**
 * A server's prediction log under a steady stream of appends (singles, and every tenth a batch of
 * 20), printing each prediction id once its append has returned (that is, once the prediction
 * would have been answered), until it is killed: run in another JVM by {@link KilledWriterIT}.
 */
public final class AppendForeverMain {

    private AppendForeverMain() {
    }

    /** @param args the store file and the prefix of the prediction ids */
    public static void main(String[] args) {
        SqliteStores stores = SqliteStores.open(Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        int next = 0;
        for (int i = 0; ; i++) {
            List<PredictionRecord> records = new ArrayList<>();
            int size = i % 10 == 9 ? 20 : 1;
            for (int j = 0; j < size; j++, next++) {
                records.add(Students.record(args[1] + next, "ana", "RA-" + next % 50, Instant.now(),
                        size > 1 ? "batch-" + i : null));
            }
            stores.predictionLog().append(records);
            StringBuilder answered = new StringBuilder();
            for (PredictionRecord record : records) {
                answered.append(record.predictionId()).append('\n');
            }
            System.out.print(answered);
            System.out.flush();
        }
    }
}
