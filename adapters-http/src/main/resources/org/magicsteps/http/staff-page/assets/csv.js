// The table as a CSV file, in the columns of `magic-steps score --explain` first (so one script
// reads both: reason_1..3 as it writes them), then the phase and the class. Cells are quoted as
// RFC 4180 says.

import { TOP_REASONS, reasonColumns } from './reasons.js';

const SCORE_COLUMNS = ['student_id', 'probability', 'prediction', 'confidence', 'threshold', 'model_version', 'warnings',
  ...Array.from({ length: TOP_REASONS }, (_, i) => `reason_${i + 1}`)];

/**
 * A probability as `magic-steps score` writes it: rounded to 8 significant digits, in plain
 * notation with at least 10 decimals (0.000000000004985276, never 5E-12).
 */
export function probabilityText(p) {
  const [digits, exponentText] = p.toPrecision(8).split('e');
  let text = digits;
  if (exponentText !== undefined) {
    const exponent = Number(exponentText);
    const [whole, fraction = ''] = digits.split('.');
    const all = whole + fraction;
    const point = whole.length + exponent;
    text = point <= 0 ? `0.${'0'.repeat(-point)}${all}`
      : point >= all.length ? all + '0'.repeat(point - all.length)
        : `${all.slice(0, point)}.${all.slice(point)}`;
  }
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(10, '0')}`;
}

function cell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV of `students`, in the given order. */
export function tableCsv(students) {
  const lines = [[...SCORE_COLUMNS, 'phase', 'class'].join(',')];
  for (const s of students) {
    lines.push([
      s.student_id ?? '', probabilityText(s.probability), s.prediction, s.confidence, s.threshold, s.model_version,
      s.warnings_text, ...reasonColumns(s), s.phase ?? '', s.class_name ?? '',
    ].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Offers `text` as a file to save. */
export function download(text, fileName) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
