package org.magicsteps.core.port;

import org.magicsteps.core.domain.FeatureSchema;

/**
 * Opens a sheet a user sent (an upload: the bytes of an XLSX or CSV file) as its rows, read for
 * one model's features, whatever PEDE year's layout it has.
 */
public interface SheetUploads {

    /** Where an unreadable upload is located in a {@link org.magicsteps.core.domain.Violation}. */
    String LOCATION = "sheet";

    /**
     * @param content the file's bytes
     * @param name the file's name as the user gave it, for messages
     * @param schema the features of the model that will score the rows
     * @return the rows, to be read once and closed
     * @throws org.magicsteps.core.domain.ValidationException located at {@value #LOCATION} and
     *     saying why, when the content is not a sheet this reader accepts (not XLSX or CSV, required
     *     columns missing); the rows throw the same while they stream when the file turns out to
     *     be damaged further in
     */
    RowSource open(byte[] content, String name, FeatureSchema schema);
}
