// The page's charts, drawn by Chart.js (from its WebJar, loaded before the modules as window.Chart).
// Each chart is a canvas with a text alternative (role="img" and aria-label) and, beside it, a
// table of the same numbers for whoever cannot see the picture.

import { el, fill } from './dom.js';
import { count, probability, value } from './format.js';
import { effect, logOdds, negligible } from './reasons.js';

const GREEN = '#1d5e20';
const ORANGE = '#9a4a00';
const RED = '#a0000e';
const charts = new Map();

/** A vertical line at `options.plugins.marker.value` on the x scale, labelled with `options.plugins.marker.label`. */
const marker = {
  id: 'marker',
  afterDatasetsDraw(chart, args, options) {
    if (options.value === undefined || options.value === null) {
      return;
    }
    const x = chart.scales.x.getPixelForValue(options.value);
    const { top, bottom } = chart.chartArea;
    const context = chart.ctx;
    context.save();
    context.strokeStyle = RED;
    context.lineWidth = 2;
    context.setLineDash([6, 4]);
    context.beginPath();
    context.moveTo(x, top);
    context.lineTo(x, bottom);
    context.stroke();
    context.setLineDash([]);
    context.fillStyle = RED;
    context.font = '600 12px system-ui, sans-serif';
    context.textAlign = x > (chart.chartArea.left + chart.chartArea.right) / 2 ? 'right' : 'left';
    context.fillText(options.label ?? '', x + (context.textAlign === 'left' ? 6 : -6), top + 12);
    context.restore();
  },
};

function draw(canvas, config) {
  charts.get(canvas)?.destroy();
  const chart = new window.Chart(canvas, {
    ...config,
    options: { animation: false, responsive: true, maintainAspectRatio: false, locale: 'pt-BR', ...config.options },
    plugins: [...(config.plugins ?? []), marker],
  });
  charts.set(canvas, chart);
  return chart;
}

/** A figure: a titled canvas with its text alternative, and a table of its numbers. */
export function figure(id, title, description, headers, rows, { tall = false } = {}) {
  const canvas = el('canvas', { id, role: 'img', 'aria-label': `${title}. ${description}` });
  return {
    canvas,
    node: el('figure', { class: 'grafico' },
      el('figcaption', { text: title }),
      el('div', { class: tall ? 'area-grafico alta' : 'area-grafico' }, canvas),
      el('p', { class: 'so-leitor', text: description }),
      el('details', {},
        el('summary', { text: 'Ver os números' }),
        el('table', {},
          el('thead', {}, el('tr', {}, headers.map((header) => el('th', { scope: 'col', text: header })))),
          el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell) => el('td', { text: cell })))))))),
  };
}

/**
 * How the probabilities are spread, in 20 bins of 0.05, split by prediction, with the threshold
 * marked: where the line falls shows how many students sit just either side of it.
 */
export function distribution(container, students, threshold) {
  const bins = Array.from({ length: 20 }, (_, i) => ({ from: i / 20, to: (i + 1) / 20, reach: 0, not: 0 }));
  for (const student of students) {
    const bin = bins[Math.min(19, Math.floor(student.probability * 20))];
    if (student.prediction === 1) {
      bin.reach += 1;
    } else {
      bin.not += 1;
    }
  }
  const { node, canvas } = figure('grafico-distribuicao', 'Distribuição das probabilidades',
    `${count(students.length)} alunos em faixas de 0,05; o limiar ${probability(threshold)} está marcado.`,
    ['Faixa', 'Atinge o PV', 'Não atinge'],
    bins.filter((b) => b.reach + b.not > 0)
      .map((b) => [`${probability(b.from)}–${probability(b.to)}`, count(b.reach), count(b.not)]));
  fill(container, node);
  const centre = (b) => (b.from + b.to) / 2;
  draw(canvas, {
    type: 'bar',
    data: {
      datasets: [
        { label: 'Não atinge', data: bins.map((b) => ({ x: centre(b), y: b.not })), backgroundColor: ORANGE },
        { label: 'Atinge o PV', data: bins.map((b) => ({ x: centre(b), y: b.reach })), backgroundColor: GREEN },
      ],
    },
    options: {
      parsing: false,
      datasets: { bar: { barPercentage: 1, categoryPercentage: 1 } },
      scales: {
        x: { type: 'linear', min: 0, max: 1, stacked: true, offset: false, ticks: { stepSize: 0.1 },
          title: { display: true, text: 'Probabilidade de atingir o PV' } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Alunos' } },
      },
      plugins: { marker: { value: threshold, label: `limiar ${probability(threshold)}` } },
    },
  });
}

/** How many students each phase has, split by prediction. */
export function perPhase(container, students, phaseName) {
  const phases = [...new Set(students.map((s) => s.phase))].sort((a, b) => (a ?? -1) - (b ?? -1));
  const tally = phases.map((phase) => {
    const of = students.filter((s) => s.phase === phase);
    return { phase, reach: of.filter((s) => s.prediction === 1).length, not: of.filter((s) => s.prediction !== 1).length };
  });
  const { node, canvas } = figure('grafico-fases', 'Alunos por fase',
    tally.map((t) => `${phaseName(t.phase)}: ${count(t.reach)} atingem, ${count(t.not)} não`).join('; '),
    ['Fase', 'Atinge o PV', 'Não atinge'],
    tally.map((t) => [phaseName(t.phase), count(t.reach), count(t.not)]));
  fill(container, node);
  draw(canvas, {
    type: 'bar',
    data: {
      labels: tally.map((t) => phaseName(t.phase)),
      datasets: [
        { label: 'Não atinge', data: tally.map((t) => t.not), backgroundColor: ORANGE },
        { label: 'Atinge o PV', data: tally.map((t) => t.reach), backgroundColor: GREEN },
      ],
    },
    options: {
      scales: {
        x: { stacked: true, title: { display: true, text: 'Fase' } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Alunos' } },
      },
    },
  });
}

/**
 * One student's contributions, strongest first, as horizontal bars in log-odds: to the right (green)
 * raises the chance of reaching the PV, to the left (orange) lowers it. Two datasets, stacked, so
 * that the legend names both colours; each bar is in one of them.
 */
export function contributions(container, explanation, label) {
  const shown = explanation.contributions;
  const { node, canvas } = figure('grafico-contribuicoes', 'Quanto cada atributo pesou na chance de atingir o PV',
    `${shown.length} atributos, do que mais pesou ao que menos pesou: `
      + shown.filter((c) => !negligible(c)).slice(0, 5).map((c) => c.reason).join('; '),
    ['Atributo', 'Valor', 'Contribuição (log-odds)', 'Efeito', 'Razão'],
    shown.map((c) => [label(c.feature), value(c.value), logOdds(c.contribution), effect(c), c.reason]),
    { tall: shown.length > 8 });
  fill(container, node);
  const raises = (c) => (c.contribution > 0 ? c.contribution : null);
  const lowers = (c) => (c.contribution < 0 ? c.contribution : null);
  draw(canvas, {
    type: 'bar',
    data: {
      labels: shown.map((c) => label(c.feature)),
      datasets: [
        { label: 'Aumenta a chance', data: shown.map(raises), backgroundColor: GREEN },
        { label: 'Reduz a chance', data: shown.map(lowers), backgroundColor: ORANGE },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { stacked: true, title: { display: true, text: 'Contribuição (log-odds): ← reduz a chance · aumenta a chance →' },
          ticks: { callback: (tick) => logOdds(tick) } },
        y: { stacked: true, ticks: { autoSkip: false } },
      },
      plugins: {
        marker: { value: 0, label: '' },
        tooltip: { callbacks: { label: (item) => `${shown[item.dataIndex].reason} (${logOdds(item.raw)})` } },
      },
    },
  });
}
