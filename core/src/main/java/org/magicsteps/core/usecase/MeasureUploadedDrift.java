package org.magicsteps.core.usecase;

import java.util.Objects;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.SheetUploads;

/**
 * Compares a sheet an admin uploaded with what one of the models served was trained on, feature by
 * feature, as {@link MeasureDrift} does for a file: what the staff page shows beside a scored
 * sheet. Nothing is scored or logged. Admins only, as the drift of the log is
 * ({@link MonitorDrift}): it describes the model's training data.
 */
public final class MeasureUploadedDrift {

    /**
     * @param content the file's bytes (XLSX or CSV)
     * @param fileName the file's name as the user gave it
     * @param model the name of the model served to compare with; {@code null} for the default
     */
    public record Command(byte[] content, String fileName, String model) {
        public Command {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(fileName, "fileName");
        }
    }

    private final ServedModels models;
    private final SheetUploads uploads;

    public MeasureUploadedDrift(ServedModels models, SheetUploads uploads) {
        this.models = Objects.requireNonNull(models, "models");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
    }

    /**
     * @throws AccessDeniedException when the actor is not an admin (the upload is not read)
     * @throws NotFoundException naming the models served, when none is served as the command's model
     * @throws ValidationException located at {@value SheetUploads#LOCATION} when the upload is not a
     *     sheet the reader accepts, or at {@code data} when no row holds any of the model's features
     * @throws org.magicsteps.core.port.PortException when the sheet cannot be read to its end
     */
    public DriftReport execute(Actor actor, Command command) {
        Objects.requireNonNull(command, "command");
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin may read the drift of a sheet");
        }
        String model = command.model() == null || command.model().isBlank() ? null : command.model().trim();
        try (ServedModels.Lease lease = models.lease(model);
                RowSource sheet = uploads.open(command.content(), command.fileName(), lease.predictor().schema())) {
            return new MeasureDrift(lease.predictor()).execute(sheet);
        }
    }
}
