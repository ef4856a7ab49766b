// The course since infusion on one chart (Chart.js) and the same data as a table, for screen readers and printing.
// Everything drawn comes from the service's course answer: the browser computes no grade.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import { el } from './entry-form.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, Tooltip, Legend);

const TREATMENTS = {
  dexamethasone: { label: 'Dexamethasone', color: '#7b3fa0', style: 'rectRot' },
  methylprednisolone: { label: 'Methylprednisolone', color: '#b1166b', style: 'rect' },
  tocilizumab: { label: 'Tocilizumab', color: '#006d77', style: 'star' },
};
// Treatments sit in a band above grade 4, so they never hide a grade point.
const TREATMENT_ROW = 4.6;

/**
 * Draws (or redraws) the course.
 * @param {{ canvas: HTMLCanvasElement, table: HTMLTableElement, figure: HTMLElement }} view
 * @param {object} course the service's /app/api/course answer
 */
export function showCourse(view, course) {
  const capd = course.tool === 'capd';
  const scoreLabel = capd ? 'CAPD (0-32, higher is worse)' : 'ICE (0-10, lower is worse)';
  const dated = (items) => items.filter((item) => item.day !== null && item.day !== undefined);
  const scored = dated(course.assessments).filter((a) => (capd ? a.capd : a.ice) !== null && (capd ? a.capd : a.ice) !== undefined);
  const datasets = [
    {
      label: capd ? 'CAPD' : 'ICE',
      type: 'line',
      yAxisID: 'score',
      data: scored.map((a) => ({ x: a.day, y: capd ? a.capd : a.ice })),
      borderColor: '#1f5fa8',
      backgroundColor: '#1f5fa8',
      pointRadius: 4,
    },
    {
      label: 'ICANS grade (computed)',
      type: 'line',
      yAxisID: 'grade',
      stepped: 'before',
      data: dated(course.assessments).map((a) => ({ x: a.day, y: a.grading.grade ?? a.grading.lowerBound, incomplete: a.grading.status !== 'graded' })),
      borderColor: '#c0392b',
      backgroundColor: '#c0392b',
      pointStyle: dated(course.assessments).map((a) => (a.grading.status === 'graded' ? 'circle' : 'crossRot')),
      pointRadius: 5,
    },
    {
      label: 'ICANS grade (recorded)',
      type: 'scatter',
      yAxisID: 'grade',
      data: dated(course.recordedGrades).filter((g) => g.grade !== null).map((g) => ({ x: g.day, y: g.grade })),
      borderColor: '#000',
      backgroundColor: '#f1c40f',
      pointStyle: 'triangle',
      pointRadius: 7,
    },
    {
      label: 'CRS grade',
      type: 'line',
      yAxisID: 'grade',
      stepped: 'before',
      borderDash: [6, 4],
      data: dated(course.crsGrades).filter((g) => g.grade !== null).map((g) => ({ x: g.day, y: g.grade })),
      borderColor: '#e67e22',
      backgroundColor: '#e67e22',
    },
    ...Object.entries(TREATMENTS).map(([drug, look]) => ({
      label: look.label,
      type: 'scatter',
      yAxisID: 'grade',
      data: dated(course.administrations).filter((a) => a.drug === drug).map((a) => ({ x: a.day, y: TREATMENT_ROW, dose: a.dose })),
      borderColor: look.color,
      backgroundColor: look.color,
      pointStyle: look.style,
      pointRadius: 7,
    })),
  ];

  Chart.getChart(view.canvas)?.destroy();
  new Chart(view.canvas, {
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: true },
      scales: {
        x: { type: 'linear', title: { display: true, text: `Days since infusion (${course.therapy?.display ?? 'IEC therapy'})` }, min: 0, suggestedMax: 14 },
        score: { position: 'left', min: 0, max: capd ? 32 : 10, title: { display: true, text: scoreLabel } },
        grade: {
          position: 'right',
          min: 0,
          max: 5,
          grid: { drawOnChartArea: false },
          ticks: { stepSize: 1, callback: (value) => (value <= 4 ? `G${value}` : '') },
          title: { display: true, text: 'ASTCT grade' },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const raw = item.raw;
              if (raw.dose !== undefined) {
                return `${item.dataset.label}${raw.dose ? `: ${raw.dose}` : ''} (day ${formatDay(raw.x)})`;
              }
              return `${item.dataset.label}: ${raw.incomplete ? `incomplete, at least ${raw.y}` : raw.y} (day ${formatDay(raw.x)})`;
            },
          },
        },
      },
    },
  });
  // What the chart shows, for tests and assistive technology: the table below has every value.
  view.figure.dataset.assessments = String(course.assessments.length);
  view.canvas.setAttribute('aria-label', describe(course));
  fillTable(view.table, course);
}

function fillTable(table, course) {
  const capd = course.tool === 'capd';
  const rows = [
    ...course.assessments.map((a) => ({
      time: a.time,
      day: a.day,
      what: 'Assessment',
      score: a.notDone ? 'not done' : (capd ? a.capd : a.ice) ?? '',
      grade: a.grading.status === 'graded' ? `${a.grading.grade}` : `unknown (at least ${a.grading.lowerBound})`,
      detail: (a.grading.drivingDomains ?? []).join(', '),
    })),
    ...course.recordedGrades.map((g) => ({ time: g.time, day: g.day, what: 'ICANS grade recorded', score: '', grade: g.grade === null ? 'unspecified' : `${g.grade}`, detail: g.reference })),
    ...course.crsGrades.map((g) => ({ time: g.time, day: g.day, what: 'CRS grade', score: '', grade: g.grade === null ? 'unspecified' : `${g.grade}`, detail: '' })),
    ...course.administrations.map((a) => ({ time: a.time, day: a.day, what: TREATMENTS[a.drug]?.label ?? a.drug, score: '', grade: '', detail: a.dose ?? '' })),
  ].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));

  const head = el('thead');
  const header = el('tr');
  for (const title of ['Day', 'Time', 'Entry', capd ? 'CAPD' : 'ICE', 'Grade', 'Detail']) {
    header.append(el('th', { scope: 'col' }, title));
  }
  head.append(header);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    tr.append(
      el('td', {}, formatDay(row.day)),
      el('td', {}, new Date(row.time).toLocaleString()),
      el('th', { scope: 'row' }, row.what),
      el('td', {}, String(row.score)),
      el('td', {}, row.grade),
      el('td', {}, row.detail)
    );
    body.append(tr);
  }
  table.replaceChildren(el('caption', {}, 'Course since infusion: assessments (ICANS grade computed as of each), recorded grades, CRS grades and treatments'), head, body);
}

function describe(course) {
  const last = course.assessments.at(-1);
  if (!last) {
    return 'Course chart: no assessment yet.';
  }
  const grade = last.grading.status === 'graded' ? `ICANS grade ${last.grading.grade}` : `ICANS grade unknown, at least ${last.grading.lowerBound}`;
  return `Course chart of ${course.assessments.length} assessments; the latest, on day ${formatDay(last.day)}: ${grade}. The table below lists every value.`;
}

function formatDay(day) {
  return day === null || day === undefined ? '–' : Number(day).toFixed(1);
}
