// A bar chart of an aggregate with one group column, drawn as SVG from the rows themselves (no chart service).
// Every label is set as text content.

const SVG = 'http://www.w3.org/2000/svg';
const BAR_HEIGHT = 22;
const GAP = 6;
const LABEL_WIDTH = 120;
const VALUE_WIDTH = 70;
const WIDTH = 420;

/**
 * The chart for these rows when they are one group column and one numeric value per row, else null.
 *
 * @param rows the reply's rows
 * @param title what the chart shows, for its accessible name
 */
export function barChart(rows, title) {
  const shape = chartShape(rows);
  if (!shape) {
    return null;
  }
  const { group, value } = shape;
  const max = Math.max(...rows.map((row) => Math.abs(row[value])), 0) || 1;
  const height = rows.length * (BAR_HEIGHT + GAP) + GAP;
  const svg = element('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    class: 'chart',
    'data-testid': 'chart',
    preserveAspectRatio: 'xMinYMin meet',
  });
  const name = element('title');
  name.textContent = `${title}: ${value} per ${group}`;
  svg.append(name);
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  rows.forEach((row, index) => {
    const y = GAP + index * (BAR_HEIGHT + GAP);
    const label = element('text', { x: LABEL_WIDTH - 6, y: y + BAR_HEIGHT / 2, class: 'chart-label' });
    label.textContent = shorten(row[group] === null ? 'null' : String(row[group]), 16);
    const width = Math.max(1, (Math.abs(row[value]) / max) * barSpace);
    const bar = element('rect', { x: LABEL_WIDTH, y, width, height: BAR_HEIGHT, rx: 2, class: 'chart-bar' });
    const amount = element('text', { x: LABEL_WIDTH + width + 6, y: y + BAR_HEIGHT / 2, class: 'chart-value' });
    amount.textContent = String(row[value]);
    svg.append(label, bar, amount);
  });
  return svg;
}

/** An aggregate's value column, as the executor names it: count, or sum_, avg_, min_ or max_ and the field. */
const AGGREGATE_COLUMN = /^(count|(sum|avg|min|max)_.+)$/;

/**
 * The group and value column of rows fit for a chart: an aggregate with one group column, so two columns, the
 * second an aggregate's value, numeric in every row.
 */
export function chartShape(rows) {
  if (!Array.isArray(rows) || rows.length < 2 || rows.length > 50) {
    return null;
  }
  const columns = Object.keys(rows[0]);
  if (columns.length !== 2) {
    return null;
  }
  const [group, value] = columns;
  if (!AGGREGATE_COLUMN.test(value)) {
    return null;
  }
  const numeric = rows.every((row) => typeof row[value] === 'number' && Number.isFinite(row[value]));
  const labels = rows.every((row) => row[group] === null || typeof row[group] !== 'object');
  return numeric && labels ? { group, value } : null;
}

function element(name, attributes = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, String(value));
  }
  return node;
}

function shorten(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
