package org.magicsteps.core.usecase;

import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.Actor;

/**
 * The repository's index, for admins: every name a model was ever served under since the start,
 * where it was loaded from, and whether it is served now (an unloaded one can be loaded again by
 * name).
 */
public final class IndexModels {

    private final ServedModels models;

    public IndexModels(ServedModels models) {
        this.models = Objects.requireNonNull(models, "models");
    }

    /** @throws AccessDeniedException when {@code actor} is not an admin */
    public List<ServedModels.Entry> execute(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin may read the model repository");
        }
        return models.index();
    }
}
