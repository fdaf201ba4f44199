// The client's pure logic (backoff, the chat reducer) and its reconnect/queue rules, checked in the real
// browser. The socket here is a scripted stand-in so timing and server replies are under the test's control;
// the real server and socket are covered by ChatPageIT. ClientLogicIT reads window.testResults.
import { AnonChatClient, backoffDelay, ConnectionState, randomId } from '../js/anonchat-client.js';
import { chatReducer, initialChatState, laterStatus } from '../js/chat-state.js';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

function assertEqual(actual, expected, what = 'value') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition, what, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
}

// ---- a scripted socket ----

class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close(code = 1000) { this.readyState = 3; this.onclose?.({ code }); }
  open() {
    this.readyState = 1;
    this.onopen?.();
    this.deliver('connection_established', { clientId: `c${FakeSocket.all.length}`, challenge: `challenge-${FakeSocket.all.length}`, challengeExpiresAt: 1 });
  }
  deliver(type, payload, ref) { this.onmessage?.({ data: JSON.stringify(ref ? { type, payload, ref } : { type, payload }) }); }
  dropped(code = 1006) { this.readyState = 3; this.onclose?.({ code }); }
  last(type) { return [...this.sent].reverse().find((f) => f.type === type); }
  all(type) { return this.sent.filter((f) => f.type === type); }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1];

const clients = [];

function newClient(reconnect = {}, extra = {}) {
  FakeSocket.all = [];
  const client = new AnonChatClient({ url: 'ws://test/ws', displayName: 'Ada', WebSocket: FakeSocket,
    reconnect: { initialDelayMs: 10, maxDelayMs: 40, ...reconnect }, requestTimeoutMs: 500, ...extra });
  clients.push(client);
  return client;
}

/** Opens the current socket and answers its auth like the server. */
async function authenticate(socket, userId = 'u-ada', token = 'tok-1') {
  socket.open();
  await until(() => socket.last('auth'), 'auth frame');
  socket.deliver('auth_ok', { userId, displayName: 'Ada', avatarUrl: null, token, tokenExpiresAt: 1 }, socket.last('auth').ref);
}

/** Answers a join like the server: room_join for this user, then the snapshot the client asks for after a rejoin. */
async function answerJoin(socket, roomId, { recovery } = {}) {
  await until(() => socket.all('join_room').some((f) => f.payload.roomId === roomId), 'join_room');
  socket.deliver('room_join', { userId: 'u-ada', roomId, displayName: 'Ada' });
  const ref = socket.all('join_room').find((f) => f.payload.roomId === roomId).ref;
  if (recovery) socket.deliver('history', { roomId, messages: recovery, hasMore: false, recovered: true }, ref);
}

async function answerSnapshot(socket, roomId) {
  await until(() => socket.last('request_presence_snapshot'), 'snapshot request');
  socket.deliver('presence_snapshot', { roomId, users: [] }, socket.last('request_presence_snapshot').ref);
}

async function connected(client) {
  const ready = client.connect();
  await authenticate(latest());
  await ready;
}

const message = (seq, extra = {}) => ({ id: `m${seq}`, seq, roomId: 'r', userId: 'u-bob', displayName: 'Bob',
  avatarUrl: null, content: `hello ${seq}`, createdAt: 1000 + seq, clientMessageId: null, status: 'sent', ...extra });

// ---- backoff ----

test('backoff starts at 1 s, doubles, and stays in the upper half of each step', () => {
  assertEqual(backoffDelay(1, { random: () => 0 }), 500, 'attempt 1, lowest');
  assertEqual(backoffDelay(1, { random: () => 0.999999 }), 1000, 'attempt 1, highest');
  assertEqual(backoffDelay(2, { random: () => 0 }), 1000, 'attempt 2, lowest');
  assertEqual(backoffDelay(3, { random: () => 0.5 }), 3000, 'attempt 3, middle');
});

test('backoff is capped at 30 s, even after very many attempts', () => {
  assertEqual(backoffDelay(6, { random: () => 0.999999 }), 30000, 'attempt 6');
  assertEqual(backoffDelay(1000, { random: () => 0 }), 15000, 'attempt 1000, lowest');
  assertEqual(backoffDelay(1000, { random: () => 0.999999 }), 30000, 'attempt 1000, highest');
});

test('backoff has jitter: the default random source spreads the delays', () => {
  const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
  assert(delays.size > 10, `50 delays gave only ${delays.size} distinct values`);
  for (const d of delays) assert(d >= 4000 && d <= 8000, `delay ${d} outside 4..8 s`);
});

test('the default maximum is 5 reconnect attempts; Infinity is allowed', () => {
  assertEqual(new AnonChatClient({ WebSocket: FakeSocket }).options.maxAttempts, 5, 'default');
  assertEqual(new AnonChatClient({ WebSocket: FakeSocket, reconnect: { maxAttempts: Infinity } }).options.maxAttempts, Infinity, 'unlimited');
});

// ---- the client ----

test('message ids are v4 UUIDs, also where crypto.randomUUID is missing (plain http from another host)', () => {
  const ids = new Set(Array.from({ length: 100 }, () => randomId()));
  assertEqual(ids.size, 100, 'distinct ids');
  for (const id of ids) assert(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), `not a v4 UUID: ${id}`);
});

test('connect resolves only once the socket is open and auth_ok has arrived', async () => {
  const client = newClient();
  let resolved = false;
  const ready = client.connect().then((s) => { resolved = true; return s; });
  await tick(20);
  assert(!resolved && client.state === ConnectionState.CONNECTING, 'resolved before the socket opened');
  latest().open();
  await tick(20);
  assert(!resolved, 'resolved before auth_ok');
  assertEqual(latest().last('auth').payload.displayName, 'Ada', 'auth displayName');
  latest().deliver('auth_ok', { userId: 'u-ada', displayName: 'Ada', token: 't1', tokenExpiresAt: 1 }, latest().last('auth').ref);
  const session = await ready;
  assertEqual(session.userId, 'u-ada', 'userId');
  assertEqual(client.state, ConnectionState.CONNECTED, 'state');
});

test('with a wallet, every connection proves it by signing that connection\'s challenge', async () => {
  const signed = [];
  const wallet = { address: 'GABC', sign: async (challenge) => { signed.push(challenge); return `sig(${challenge})`; } };
  const client = newClient({}, { wallet });
  await connected(client);
  assertEqual([latest().last('auth').payload.walletAddress, latest().last('auth').payload.signature], ['GABC', 'sig(challenge-1)'], 'first auth');
  latest().dropped(1006);
  await until(() => FakeSocket.all.length === 2, 'a new socket');
  await authenticate(latest());
  assertEqual(latest().last('auth').payload.signature, 'sig(challenge-2)', 'auth after the reconnect');
  assertEqual(latest().last('auth').payload.token, 'tok-1', 'token kept');
  assertEqual(signed, ['challenge-1', 'challenge-2'], 'challenges signed');
});

test('state changes are events, and on() returns an unsubscribe', async () => {
  const client = newClient();
  const seen = [];
  const unsubscribe = client.on('state', ({ state }) => seen.push(state));
  await connected(client);
  unsubscribe();
  client.disconnect();
  assertEqual(seen, ['connecting', 'connected'], 'states seen');
});

test('sendMessage carries a fresh clientMessageId and settles on the ack with its ref', async () => {
  const client = newClient();
  await connected(client);
  const first = client.sendMessage('r', 'one');
  const second = client.sendMessage('r', 'two');
  const [a, b] = latest().all('send_message');
  assert(a.payload.clientMessageId && a.payload.clientMessageId !== b.payload.clientMessageId, 'ids not fresh');
  latest().deliver('message_ack', { clientMessageId: b.payload.clientMessageId, messageId: 'm2', seq: 2, status: 'sent', duplicate: false }, b.ref);
  latest().deliver('error', { code: 'RATE_LIMITED', message: 'slow down', ref: a.ref }, a.ref);
  assertEqual((await second).messageId, 'm2', 'ack');
  const error = await first.then(() => null, (e) => e);
  assertEqual(error?.code, 'RATE_LIMITED', 'error code');
});

test('sendMessage rejects with TIMEOUT when no ack comes', async () => {
  const client = newClient();
  await connected(client);
  const error = await client.sendMessage('r', 'lost', { timeoutMs: 30 }).then(() => null, (e) => e);
  assertEqual(error?.code, 'TIMEOUT', 'code');
});

test('after a drop: re-auth with the token, rejoin with sinceSeq, catch up, then flush queued sends', async () => {
  const client = newClient();
  await connected(client);
  const joined = client.joinRoom('r');
  await answerJoin(latest(), 'r');
  await joined;
  latest().deliver('message', message(7));
  latest().dropped(1006);
  assertEqual(client.state, ConnectionState.RECONNECTING, 'state after drop');
  const queued = client.sendMessage('r', 'written offline');
  assertEqual(client.queuedMessages().length, 1, 'queued');
  await until(() => FakeSocket.all.length === 2, 'a new socket');
  const socket = latest();
  socket.open();
  await until(() => socket.last('auth'), 'auth');
  assertEqual(socket.last('auth').payload.token, 'tok-1', 'token');
  socket.deliver('auth_ok', { userId: 'u-ada', displayName: 'Ada', token: 'tok-2', tokenExpiresAt: 1 }, socket.last('auth').ref);
  await answerJoin(socket, 'r');
  assertEqual(socket.last('join_room').payload.sinceSeq, 7, 'sinceSeq');
  await answerSnapshot(socket, 'r');
  await until(() => socket.last('history'), 'catch-up request (no recovery history came)');
  assertEqual(socket.last('history').payload.afterSeq, 7, 'afterSeq');
  assert(!socket.last('send_message'), 'flushed before the catch-up finished');
  socket.deliver('history', { roomId: 'r', messages: [message(8)], hasMore: false }, socket.last('history').ref);
  await until(() => socket.last('send_message'), 'the queued send');
  const send = socket.last('send_message');
  assertEqual(client.state, ConnectionState.CONNECTED, 'state');
  socket.deliver('message_ack', { clientMessageId: send.payload.clientMessageId, messageId: 'm9', seq: 9, status: 'sent', duplicate: false }, send.ref);
  assertEqual((await queued).seq, 9, 'queued send acknowledged');
});

test('a complete recovery history after the rejoin makes the history{afterSeq} fallback unnecessary', async () => {
  const client = newClient();
  await connected(client);
  const joined = client.joinRoom('r');
  await answerJoin(latest(), 'r');
  await joined;
  latest().deliver('message', message(3));
  latest().dropped(1006);
  await until(() => FakeSocket.all.length === 2, 'a new socket');
  await authenticate(latest());
  await answerJoin(latest(), 'r', { recovery: [message(4)] });
  await answerSnapshot(latest(), 'r');
  await until(() => client.state === ConnectionState.CONNECTED, 'connected');
  assert(!latest().last('history'), 'asked for history although the recovery came');
  assertEqual(client.rooms.get('r').lastSeq, 4, 'last seq');
});

test('a capped recovery (recovered:false, hasMore) is paged on with afterSeq', async () => {
  const client = newClient();
  await connected(client);
  const joined = client.joinRoom('r');
  await answerJoin(latest(), 'r');
  await joined;
  latest().deliver('message', message(3));
  latest().dropped(1006);
  await until(() => FakeSocket.all.length === 2, 'a new socket');
  const socket = latest();
  await authenticate(socket);
  await until(() => socket.last('join_room'), 'join_room');
  socket.deliver('room_join', { userId: 'u-ada', roomId: 'r', displayName: 'Ada' });
  socket.deliver('history', { roomId: 'r', messages: [message(4), message(5)], hasMore: true, recovered: false },
    socket.last('join_room').ref);
  await answerSnapshot(socket, 'r');
  await until(() => socket.last('history'), 'paging on');
  assertEqual(socket.last('history').payload.afterSeq, 5, 'afterSeq');
  socket.deliver('history', { roomId: 'r', messages: [message(6)], hasMore: false }, socket.last('history').ref);
  await until(() => client.state === ConnectionState.CONNECTED, 'connected');
  assertEqual(client.rooms.get('r').lastSeq, 6, 'last seq');
});

test('a room where no seq was seen is joined again without sinceSeq; an empty room counts from 0', async () => {
  const client = newClient();
  await connected(client);
  const joined = ['quiet', 'empty'].map((roomId) => client.joinRoom(roomId));
  await answerJoin(latest(), 'quiet');
  await answerJoin(latest(), 'empty');
  await Promise.all(joined);
  const page = client.history('empty', { limit: 50 });
  latest().deliver('history', { roomId: 'empty', messages: [], hasMore: false }, latest().last('history').ref);
  await page;
  latest().dropped(1006);
  await until(() => FakeSocket.all.length === 2, 'a new socket');
  const socket = latest();
  await authenticate(socket);
  await answerJoin(socket, 'quiet');
  await answerJoin(socket, 'empty');
  const sinceSeq = (roomId) => socket.all('join_room').find((f) => f.payload.roomId === roomId).payload.sinceSeq;
  assertEqual([sinceSeq('quiet'), sinceSeq('empty')], [undefined, 0], 'sinceSeq');
});

test('a send cut off before its ack goes again with the same clientMessageId and settles once', async () => {
  const client = newClient();
  await connected(client);
  let settled = 0;
  const sending = client.sendMessage('r', 'once').then((ack) => { settled++; return ack; });
  const first = latest().last('send_message');
  latest().dropped(1006);
  await until(() => FakeSocket.all.length === 2, 'a new socket');
  await authenticate(latest());
  await until(() => latest().last('send_message'), 'the resend');
  const again = latest().last('send_message');
  assertEqual(again.payload.clientMessageId, first.payload.clientMessageId, 'same clientMessageId');
  latest().deliver('message_ack', { clientMessageId: again.payload.clientMessageId, messageId: 'm1', seq: 1, status: 'sent', duplicate: true }, again.ref);
  assertEqual((await sending).duplicate, true, 'duplicate ack');
  await tick(20);
  assertEqual(settled, 1, 'settled');
});

test('a 1001 close is retried at once, without waiting for the backoff', async () => {
  const client = newClient({ initialDelayMs: 60000, maxDelayMs: 60000 });
  await connected(client);
  const scheduled = [];
  client.on('reconnect_scheduled', (e) => scheduled.push(e));
  latest().dropped(1001);
  assertEqual(FakeSocket.all.length, 2, 'sockets opened');
  assertEqual(scheduled, [], 'scheduled retries');
  client.disconnect();
});

test("the browser's online event retries at once", async () => {
  const client = newClient({ initialDelayMs: 60000, maxDelayMs: 60000 });
  await connected(client);
  latest().dropped(1006);
  assertEqual(FakeSocket.all.length, 1, 'sockets before online');
  window.dispatchEvent(new Event('online'));
  assertEqual(FakeSocket.all.length, 2, 'sockets after online');
  client.disconnect();
});

test('after maxAttempts failed reconnects the client gives up and rejects queued sends', async () => {
  const client = newClient({ maxAttempts: 3 });
  await connected(client);
  const failed = [];
  client.on('reconnect_failed', (e) => failed.push(e));
  latest().dropped(1006);
  const queued = client.sendMessage('r', 'never').then(() => null, (e) => e);
  for (let attempt = 1; attempt <= 3; attempt++) {
    await until(() => FakeSocket.all.length === attempt + 1, `attempt ${attempt}`);
    latest().dropped(1006);
  }
  assertEqual(client.state, ConnectionState.DISCONNECTED, 'state');
  assertEqual(failed, [{ attempts: 3 }], 'reconnect_failed');
  assertEqual((await queued)?.code, 'RECONNECT_LIMIT_REACHED', 'queued send');
  await tick(100);
  assertEqual(FakeSocket.all.length, 4, 'no attempt after giving up');
});

test('the offline queue is bounded', async () => {
  const client = newClient({}, { offlineQueueLimit: 2 });
  await connected(client);
  latest().dropped(1006);
  client.sendMessage('r', 'a').catch(() => {});
  client.sendMessage('r', 'b').catch(() => {});
  const error = await client.sendMessage('r', 'c').then(() => null, (e) => e);
  assertEqual(error?.code, 'QUEUE_FULL', 'third send');
  client.disconnect();
});

test('disconnect() is final: no reconnect, and sends are refused', async () => {
  const client = newClient();
  await connected(client);
  client.disconnect();
  await tick(60);
  assertEqual(FakeSocket.all.length, 1, 'sockets');
  const error = await client.sendMessage('r', 'x').then(() => null, (e) => e);
  assertEqual(error?.code, 'NOT_CONNECTED', 'send after disconnect');
});

// ---- the chat reducer ----

const own = (extra) => ({ ...message(1), userId: 'u-ada', displayName: 'Ada', clientMessageId: 'c1', ...extra });
const start = () => initialChatState('r', { selfId: 'u-ada' });
const reduce = (state, ...actions) => actions.reduce(chatReducer, state);

test('an optimistic row is reconciled with the broadcast and the ack, never duplicated', () => {
  const optimistic = { type: 'optimistic', clientMessageId: 'c1', content: 'hi', displayName: 'Ada', createdAt: 5 };
  const broadcastFirst = reduce(start(), optimistic, { type: 'messages', messages: [own()] },
    { type: 'ack', clientMessageId: 'c1', messageId: 'm1', seq: 1 });
  assertEqual(broadcastFirst.messages.length, 1, 'rows (message before ack)');
  assertEqual([broadcastFirst.messages[0].id, broadcastFirst.messages[0].status], ['m1', 'sent'], 'row');
  const ackFirst = reduce(start(), optimistic, { type: 'ack', clientMessageId: 'c1', messageId: 'm1', seq: 1 },
    { type: 'messages', messages: [own()] });
  assertEqual(ackFirst.messages.length, 1, 'rows (ack before message)');
  assertEqual(reduce(start(), optimistic).messages[0].status, 'sending', 'optimistic status');
});

test('statuses only move forward: sending → sent → delivered → read', () => {
  let state = reduce(start(), { type: 'messages', messages: [own()] });
  state = reduce(state, { type: 'status', messageId: 'm1', status: 'read' }, { type: 'status', messageId: 'm1', status: 'delivered' });
  assertEqual(state.messages[0].status, 'read', 'after a late delivered');
  state = reduce(state, { type: 'messages', messages: [own({ status: 'sent' })] });
  assertEqual(state.messages[0].status, 'read', 'after a stale history page');
  assertEqual(laterStatus('sending', 'sent'), 'sent', 'laterStatus');
});

test('messages are kept in seq order, unsent ones last', () => {
  const state = reduce(start(),
    { type: 'optimistic', clientMessageId: 'c9', content: 'pending', displayName: 'Ada', createdAt: 1 },
    { type: 'messages', messages: [message(3), message(1)] },
    { type: 'messages', messages: [message(2), message(3)] });
  assertEqual(state.messages.map((m) => m.seq), [1, 2, 3, null], 'order');
});

test('an edit or deletion is not undone by an older copy of the message', () => {
  let state = reduce(start(), { type: 'messages', messages: [message(1)] },
    { type: 'edited', messageId: 'm1', content: 'fixed', editedAt: 50 },
    { type: 'messages', messages: [message(1)] });
  assertEqual(state.messages[0].content, 'fixed', 'content after stale copy');
  state = reduce(state, { type: 'deleted', messageId: 'm1' }, { type: 'messages', messages: [message(1)] });
  assertEqual([state.messages[0].deleted, state.messages[0].content], [true, ''], 'deleted');
  const changed = reduce(start(), { type: 'messages', messages: [message(2)] },
    { type: 'messages', messages: [message(2, { content: 'later text', editedAt: 9 })] });
  assertEqual(changed.messages[0].content, 'later text', 'a newer edit from a recovery history applies');
});

test('a failed send can be sent again and then reconciles like any other', () => {
  const state = reduce(start(),
    { type: 'optimistic', clientMessageId: 'c1', content: 'hi', displayName: 'Ada', createdAt: 1 },
    { type: 'failed', clientMessageId: 'c1', error: { code: 'TIMEOUT', message: 'x' } });
  assertEqual(state.messages[0].status, 'failed', 'failed');
  const retried = reduce(state, { type: 'resending', clientMessageId: 'c1' }, { type: 'messages', messages: [own()] });
  assertEqual([retried.messages.length, retried.messages[0].status], [1, 'sent'], 'after retry');
});

test('typing users expire on their own, stop on user_stop_typing, and never include me', () => {
  let state = reduce(start(), { type: 'typing', userId: 'u-bob', displayName: 'Bob', now: 1000, ttlMs: 500 },
    { type: 'typing', userId: 'u-ada', displayName: 'Ada', now: 1000, ttlMs: 500 });
  assertEqual(state.typing.map((t) => t.userId), ['u-bob'], 'typing');
  assertEqual(reduce(state, { type: 'tick', now: 1400 }).typing.length, 1, 'before expiry');
  assertEqual(reduce(state, { type: 'tick', now: 1500 }).typing.length, 0, 'after expiry');
  assertEqual(reduce(state, { type: 'stopTyping', userId: 'u-bob' }).typing.length, 0, 'after stop');
  assertEqual(reduce(state, { type: 'connection', state: 'reconnecting' }).typing.length, 0, 'after a drop');
});

test('members come from the snapshot, joins and leaves; presence updates only known members', () => {
  let state = reduce(start(), { type: 'snapshot', users: [{ userId: 'u-bob', displayName: 'Bob', status: 'online' }] },
    { type: 'joined', userId: 'u-cy', displayName: 'Cy' },
    { type: 'presence', user: { userId: 'u-bob', displayName: 'Bob', status: 'away' } },
    { type: 'presence', user: { userId: 'u-stranger', displayName: 'Eve', status: 'online' } });
  assertEqual(state.members.map((m) => [m.displayName, m.status]), [['Bob', 'away'], ['Cy', 'online']], 'members');
  state = reduce(state, { type: 'left', userId: 'u-cy' },
    { type: 'presence', user: { userId: 'u-bob', displayName: 'Bob', status: 'offline' } });
  assertEqual(state.members, [], 'after leave and offline');
});

test('the reducer never mutates the state it is given', () => {
  const before = reduce(start(), { type: 'messages', messages: [message(1)] });
  const frozen = JSON.stringify(before);
  reduce(before, { type: 'status', messageId: 'm1', status: 'read' }, { type: 'edited', messageId: 'm1', content: 'x', editedAt: 1 },
    { type: 'typing', userId: 'u-bob', displayName: 'Bob', now: 1, ttlMs: 1 });
  assertEqual(JSON.stringify(before), frozen, 'state');
});

// ---- run ----

async function run() {
  const results = [];
  for (const { name, fn } of tests) {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error?.stack ?? error) });
    }
    clients.splice(0).forEach((client) => client.disconnect()); // no test's client reacts to the next one's events
    const li = document.createElement('li');
    const last = results[results.length - 1];
    li.textContent = `${last.ok ? 'PASS' : 'FAIL'} ${name}${last.ok ? '' : `: ${last.error}`}`;
    document.getElementById('results').append(li);
  }
  window.testResults = results;
}

run();
