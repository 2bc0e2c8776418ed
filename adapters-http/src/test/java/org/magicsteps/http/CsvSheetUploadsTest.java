package org.magicsteps.http;

import org.magicsteps.core.port.SheetUploads;
import org.magicsteps.core.port.contract.SheetUploadsContract;

/** The route tests' stand-in reader keeps the port's contract, as the real one does. */
class CsvSheetUploadsTest extends SheetUploadsContract {

    @Override
    protected SheetUploads uploads() {
        return new CsvSheetUploads();
    }
}
