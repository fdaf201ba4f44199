// A two-series line chart in SVG, no library: messages per second (left scale) and connections (right
// scale) over the samples given, one per second.
const NS = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 160;
const PAD = 24;

function line(values, max, color) {
  const step = (W - 2 * PAD) / Math.max(1, values.length - 1);
  const points = values.map((v, i) => `${(PAD + i * step).toFixed(1)},${(H - PAD - (v / max) * (H - 2 * PAD)).toFixed(1)}`);
  const el = document.createElementNS(NS, 'polyline');
  el.setAttribute('points', points.join(' '));
  el.setAttribute('fill', 'none');
  el.setAttribute('stroke', color);
  el.setAttribute('stroke-width', '2');
  return el;
}

function label(x, y, text, anchor) {
  const el = document.createElementNS(NS, 'text');
  el.setAttribute('x', x);
  el.setAttribute('y', y);
  el.setAttribute('font-size', '11');
  el.setAttribute('text-anchor', anchor);
  el.textContent = text;
  return el;
}

/** Redraws the chart from the samples ({messagesPerSecond, connections}), oldest first. */
export function drawChart(svg, samples) {
  svg.replaceChildren();
  const mps = samples.map((s) => s.messagesPerSecond);
  const conn = samples.map((s) => s.connections);
  const maxMps = Math.max(1, ...mps);
  const maxConn = Math.max(1, ...conn);
  const axis = document.createElementNS(NS, 'line');
  axis.setAttribute('x1', PAD); axis.setAttribute('x2', W - PAD);
  axis.setAttribute('y1', H - PAD); axis.setAttribute('y2', H - PAD);
  axis.setAttribute('stroke', '#aab');
  svg.append(axis, label(2, PAD - 6, `${maxMps.toFixed(1)}/s`, 'start'), label(W - 2, PAD - 6, `${maxConn}`, 'end'),
    label(PAD, H - 6, `-${samples.length}s`, 'start'), label(W - PAD, H - 6, 'now', 'end'));
  if (samples.length > 1) svg.append(line(mps, maxMps, '#2463c7'), line(conn, maxConn, '#c76a24'));
}
