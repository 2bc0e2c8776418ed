/**
 * Reading PEDE spreadsheets: {@link org.magicsteps.model.data.PedeSheetReader} opens a CSV or
 * XLSX file, maps the NGO's headers (or the canonical names) to canonical feature names, derives
 * {@code pedra_modal} from {@code Pedra 20/21/22}, reads the student id and, for training, the
 * {@code Atingiu PV} target, and yields {@link org.magicsteps.model.data.SheetRow}s with their
 * line numbers. It refuses a sheet that lacks required columns, naming every one; it does not
 * judge values, which is the model schema's job.
 */
package org.magicsteps.model.data;
