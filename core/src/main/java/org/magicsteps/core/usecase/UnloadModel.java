package org.magicsteps.core.usecase;

import java.util.Objects;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.ModelInfo;

/**
 * An admin stops serving a model. Requests already running finish on it; it is closed after the
 * last one. The default model cannot be unloaded (every route that names no model needs it): to
 * change it, load another bundle under its name.
 */
public final class UnloadModel {

    private final ServedModels models;

    public UnloadModel(ServedModels models) {
        this.models = Objects.requireNonNull(models, "models");
    }

    /**
     * @return what the unloaded model said about itself
     * @throws AccessDeniedException when {@code actor} is not an admin
     * @throws ModelRefusedException when {@code name} is the default model's
     * @throws NotFoundException naming the models served, when none is served as {@code name}
     */
    public ModelInfo execute(Actor actor, String name) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin may unload a model");
        }
        if (models.defaultName().equals(name)) {
            throw new ModelRefusedException("'" + name + "' is the default model, which every route that names no "
                    + "model uses: it cannot be unloaded; load another bundle under its name to replace it");
        }
        return models.withdraw(name).orElseThrow(() -> models.notServed(name));
    }
}
