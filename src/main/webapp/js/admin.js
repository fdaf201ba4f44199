// The admin dashboard: login, live figures over server-sent events, the chart, and the tables with their
// actions. All text from users is rendered with textContent.
import { ApiError, del, get, post, seg, setCsrfToken, streamUrl } from './admin-api.js';
import { drawChart } from './admin-chart.js';

const CHART_SECONDS = 300;
const TABLE_REFRESH_MS = 2000;
const $ = (id) => document.getElementById(id);
let samples = [];
let stream = null;
let lastTableRefresh = 0;

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function button(td, text, className, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.className = className;
  b.addEventListener('click', () => act(action));
  td.append(b);
}

async function act(action) {
  try {
    const result = await action();
    $('action-result').textContent = result || 'done';
    await refreshTables();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showLogin('Your session ended; log in again.');
    $('action-result').textContent = `Failed: ${e.message}`;
  }
}

const minutes = () => Math.max(1, Number($('sanction-minutes').value) || 10) * 60;

function showConnections(list) {
  const body = $('connections');
  body.replaceChildren();
  for (const c of list) {
    const row = body.insertRow();
    row.dataset.connectionId = c.id;
    cell(row, c.id.slice(0, 8));
    cell(row, c.userId ? `${c.displayName} (${c.userId})` : '(not authenticated)');
    cell(row, c.address);
    cell(row, c.rooms.join(', '));
    cell(row, new Date(c.connectedSince).toLocaleTimeString());
    const td = row.insertCell();
    button(td, 'Kick', 'kick', () => post(`connections/${seg(c.id)}/kick`,
      { code: Number($('kick-code').value), reason: $('kick-reason').value }).then(() => `kicked ${c.id}`));
    if (c.userId) {
      button(td, 'Mute', 'mute', () => post(`users/${seg(c.userId)}/mute`, { durationSeconds: minutes() }).then(() => `muted ${c.userId}`));
      button(td, 'Ban', 'ban', () => post(`users/${seg(c.userId)}/ban`, { durationSeconds: minutes() }).then(() => `banned ${c.userId}`));
      button(td, 'Lift', 'lift', () => del(`users/${seg(c.userId)}/sanction`).then(() => `lifted for ${c.userId}`));
    }
  }
}

function showRooms(list) {
  const body = $('rooms');
  body.replaceChildren();
  for (const r of list) {
    const row = body.insertRow();
    row.dataset.roomId = r.roomId;
    cell(row, r.roomId);
    cell(row, String(r.members));
    cell(row, [r.closed ? 'closed' : 'open', r.private ? 'private' : '', r.live ? 'live' : ''].filter(Boolean).join(', '));
    const td = row.insertCell();
    button(td, 'Close', 'close', () => post(`rooms/${seg(r.roomId)}/close`).then((x) => `closed ${r.roomId}, removed ${x.removed}`));
    button(td, 'Make private', 'private', () => post(`rooms/${seg(r.roomId)}/private`).then(() => `${r.roomId} is private`));
    button(td, 'Reopen', 'reopen', () => post('rooms', { roomId: r.roomId }).then(() => `${r.roomId} is open`));
  }
}

function showMessages(list) {
  const body = $('messages');
  body.replaceChildren();
  for (const m of list) {
    const row = body.insertRow();
    row.dataset.messageId = m.id;
    cell(row, new Date(m.createdAt).toLocaleTimeString());
    cell(row, m.roomId);
    cell(row, `${m.displayName} (${m.userId})`);
    cell(row, m.deleted ? '(deleted)' : m.content, 'text');
    const td = row.insertCell();
    if (!m.deleted) button(td, 'Delete', 'delete', () => del(`messages/${seg(m.roomId)}/${seg(m.id)}`).then(() => 'message deleted'));
  }
}

function messageQuery() {
  const params = new URLSearchParams({ limit: '50' });
  if ($('search-text').value) params.set('q', $('search-text').value);
  if ($('search-user').value) params.set('userId', $('search-user').value);
  if ($('search-room').value) params.set('roomId', $('search-room').value);
  return `messages?${params}`;
}

async function refreshTables() {
  lastTableRefresh = Date.now();
  const [connections, rooms, messages] = await Promise.all([get('connections'), get('rooms'), get(messageQuery())]);
  showConnections(connections);
  showRooms(rooms);
  showMessages(messages);
}

function showStats(s) {
  $('stat-connections').textContent = String(s.connections);
  $('stat-users').textContent = String(s.usersOnline);
  $('stat-rooms').textContent = String(s.rooms);
  $('stat-mps').textContent = s.messagesPerSecond.toFixed(1);
  $('stat-dps').textContent = s.deliveriesPerSecond.toFixed(1);
  $('stat-fanout').textContent = `${s.fanoutMicros.p50} / ${s.fanoutMicros.p95} / ${s.fanoutMicros.p99}`;
  samples.push(s);
  if (samples.length > CHART_SECONDS) samples = samples.slice(-CHART_SECONDS);
  drawChart($('chart'), samples);
  if (Date.now() - lastTableRefresh >= TABLE_REFRESH_MS) refreshTables().catch(() => {});
}

async function showDashboard(session) {
  setCsrfToken(session.csrfToken);
  $('who').textContent = session.username;
  $('login').hidden = true;
  $('dashboard').hidden = false;
  samples = (await get('stats/history')).slice(-CHART_SECONDS);
  await refreshTables();
  stream = new EventSource(streamUrl());
  stream.addEventListener('open', () => { $('live').textContent = 'live'; });
  stream.addEventListener('error', () => { $('live').textContent = 'reconnecting…'; });
  stream.addEventListener('stats', (event) => showStats(JSON.parse(event.data)));
}

function showLogin(message) {
  if (stream) stream.close();
  stream = null;
  $('dashboard').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const session = await post('session', { username: $('username').value, password: $('password').value });
    $('password').value = '';
    await showDashboard(session);
  } catch (e) {
    $('login-error').textContent = e.status === 429 ? 'Too many failed logins; wait and try again.'
      : e.status === 401 ? 'Wrong name or password.' : `Login failed: ${e.message}`;
  }
});

$('logout').addEventListener('click', () => act(async () => { await del('session'); showLogin('Logged out.'); return 'logged out'; }));
$('notify-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(() => post(`users/${seg($('notify-user').value)}/notifications`, { title: $('notify-title').value })
    .then((r) => `notification reached ${r.reached} connection(s)`));
});
$('system-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(() => post(`rooms/${seg($('system-room').value)}/messages`, { content: $('system-text').value })
    .then((r) => `system message #${r.seq} to ${r.connections} connection(s)`));
});
$('create-room-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(() => post('rooms', { roomId: $('create-room').value, private: $('create-private').checked }).then((r) => `created ${r.roomId}`));
});
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(() => refreshTables().then(() => 'searched'));
});

// Already logged in (a reload)? The probe says so without a 401, which a browser would log as an error.
get('session').then((s) => (s.authenticated ? showDashboard(s) : showLogin()), () => showLogin());
