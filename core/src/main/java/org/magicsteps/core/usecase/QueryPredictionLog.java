package org.magicsteps.core.usecase;

import java.util.Objects;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.port.PredictionLog;

/** Reads the prediction log. An admin sees every record; anybody else only their own. */
public final class QueryPredictionLog {

    private final PredictionLog log;

    public QueryPredictionLog(PredictionLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * @throws AccessDeniedException when a non-admin asks for another user's records
     */
    public LogPage execute(Actor actor, LogQuery query) {
        if (actor.isAdmin()) {
            return log.query(query);
        }
        if (query.user() != null && !query.user().equals(actor.username())) {
            throw new AccessDeniedException("only an admin may read the records of another user");
        }
        return log.query(query.forUser(actor.username()));
    }
}
