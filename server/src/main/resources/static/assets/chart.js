// A grouped bar chart in SVG, drawn with DOM calls (no library, no inline style): revenue against model and infra cost.
const NS = 'http://www.w3.org/2000/svg';
const SERIES = [['revenueSats', 'revenue', '#0b5cad'], ['modelCostSats', 'model', '#a4161a'],
  ['infraCostSats', 'infra', '#7a4b00']];

function svg(tag, attributes, text) {
  const node = document.createElementNS(NS, tag);
  Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** points: [{start, revenueSats, modelCostSats, infraCostSats}]; label formats a bucket's start. */
export function barChart(points, label) {
  const width = 640; const height = 260; const left = 56; const bottom = 40; const top = 12;
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map(([key]) => p[key])));
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'Revenue, model cost and infrastructure cost in sats per period' });
  const plotHeight = height - bottom - top;
  [0, 0.5, 1].forEach((f) => {
    const y = top + plotHeight * (1 - f);
    chart.append(svg('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#c8ccd2' }),
      svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#1a1a1a' },
        Math.round(max * f).toLocaleString('en')));
  });
  const slot = (width - left) / Math.max(1, points.length);
  const bar = Math.max(2, Math.min(24, (slot - 8) / SERIES.length));
  points.forEach((p, i) => {
    const x0 = left + i * slot + (slot - bar * SERIES.length) / 2;
    SERIES.forEach(([key, name, colour], s) => {
      const h = plotHeight * (p[key] / max);
      const rect = svg('rect', { x: x0 + s * bar, y: top + plotHeight - h, width: bar - 1, height: Math.max(0, h),
        fill: colour, class: `bar ${name}` });
      rect.append(svg('title', {}, `${label(p.start)} ${name}: ${p[key]} sats`));
      chart.append(rect);
    });
    chart.append(svg('text', { x: left + i * slot + slot / 2, y: height - bottom + 16, 'text-anchor': 'middle',
      'font-size': 11, fill: '#1a1a1a' }, label(p.start)));
  });
  return chart;
}
