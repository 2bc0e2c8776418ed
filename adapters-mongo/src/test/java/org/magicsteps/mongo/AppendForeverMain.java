package org.magicsteps.mongo;

import java.nio.file.Path;
import java.time.Instant;

import org.magicsteps.core.testing.Students;

/**
 * A server's prediction log under a steady stream of single appends, printing each prediction id
 * once its append has returned (that is, once the prediction would have been answered), until it is
 * killed: run in another JVM by {@link PredictionLogFaultIT}.
 */
public final class AppendForeverMain {

    private AppendForeverMain() {
    }

    /** @param args MongoDB URI, database, journal directory, prefix of the prediction ids */
    public static void main(String[] args) throws InterruptedException {
        MongoStores stores = MongoStores.connect(args[0], args[1], TestMongo.FAST);
        MongoPredictionLog log = stores.openPredictionLog(Path.of(args[2]));
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; ; i++) {
            String id = args[3] + i;
            log.append(Students.record(id, "ana", "RA-" + (i % 50), Instant.now(), null));
            System.out.println(id);
            System.out.flush();
            if (i % 20 == 0) {
                Thread.sleep(1);
            }
        }
    }
}
