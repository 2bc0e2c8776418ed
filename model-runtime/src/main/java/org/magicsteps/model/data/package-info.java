/**
 * Reading PEDE spreadsheets of every year: {@link org.magicsteps.model.data.PedeSheetReader} opens
 * a CSV or XLSX file (or an upload's bytes), recognises its layout by its headers (2022's
 * {@code INDE 22}, {@code Idade 22}, {@code Pedra 20/21/22}; 2023's and later years'
 * {@code INDE 2023}, {@code Idade}, {@code Pedra 2023/22/21}; or the canonical names), maps them
 * to canonical feature names, makes every year's codes one (phases, classes, genders, stones,
 * dates, decimal commas, error cells, floating noise), derives {@code pedra_modal}, recomputes the
 * rankings a year leaves blank, reads the student id and, for training, the {@code Atingiu PV}
 * target, and yields {@link org.magicsteps.model.data.SheetRow}s with their line numbers, streamed.
 * A {@link org.magicsteps.model.data.PedeSheet} is the core's {@code RowSource}. It refuses a sheet
 * that lacks required columns, naming every one and the headers it has; it does not judge values,
 * which is the model schema's job.
 */
package org.magicsteps.model.data;
