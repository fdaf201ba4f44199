// One room's live state on top of an AnonChatClient: what useRealtimeChat was meant to be, without a framework.
// chatReducer is pure (tested in the browser by src/test/browser/logic-tests.js); createRealtimeChat wires it
// to the client's events and offers the actions.
import { randomId } from './anonchat-client.js';

const STATUS_RANK = { failed: -1, sending: 0, sent: 1, delivered: 2, read: 3 };

/** Statuses only move forward (sending → sent → delivered → read); a late or repeated event never moves one back. */
export function laterStatus(a, b) {
  if (!a) return b;
  if (!b) return a;
  return (STATUS_RANK[b] ?? 0) > (STATUS_RANK[a] ?? 0) ? b : a;
}

export function initialChatState(roomId, { selfId = null, now = Date.now() } = {}) {
  return {
    roomId,
    selfId,
    messages: [], // stored ones by seq, then unsent ones (seq null) in the order they were written
    typing: [], // { userId, displayName, expiresAt }
    members: [], // { userId, displayName, status }
    connection: 'disconnected',
    hasOlder: true,
    loadingOlder: false,
    error: null,
    now,
  };
}

/** The room's state after one action. Never mutates `state`. */
export function chatReducer(state, action) {
  switch (action.type) {
    case 'self': return { ...state, selfId: action.userId };
    case 'connection': return connection(state, action.state);
    case 'optimistic': return withMessages(state, [...state.messages, {
      id: null, seq: null, clientMessageId: action.clientMessageId, roomId: state.roomId, userId: state.selfId,
      displayName: action.displayName, content: action.content, createdAt: action.createdAt, status: 'sending',
    }]);
    case 'ack': return acknowledged(state, action);
    case 'resending': return withMessages(state, state.messages.map((m) =>
      (m.clientMessageId === action.clientMessageId && m.id === null ? { ...m, status: 'sending', error: undefined } : m)));
    case 'failed': return withMessages(state, state.messages.map((m) =>
      (m.clientMessageId === action.clientMessageId && m.id === null ? { ...m, status: 'failed', error: action.error } : m)));
    case 'messages': return received(state, action.messages);
    case 'status': return patchMessage(state, action.messageId, (m) => ({ ...m, status: laterStatus(m.status, action.status) }));
    case 'edited': return patchMessage(state, action.messageId, (m) => ({ ...m, content: action.content, editedAt: action.editedAt }));
    case 'deleted': return patchMessage(state, action.messageId, (m) => ({ ...m, content: '', deleted: true }));
    case 'older': return { ...state, hasOlder: action.hasMore, loadingOlder: false };
    case 'loadingOlder': return { ...state, loadingOlder: action.loading };
    case 'typing': return typing(state, action);
    case 'stopTyping': return { ...state, typing: state.typing.filter((t) => t.userId !== action.userId) };
    case 'tick': return { ...state, now: action.now, typing: state.typing.filter((t) => t.expiresAt > action.now) };
    case 'joined': return upsertMember(state, { userId: action.userId, displayName: action.displayName, status: 'online' }, false);
    case 'left': return { ...state, members: state.members.filter((m) => m.userId !== action.userId),
      typing: state.typing.filter((t) => t.userId !== action.userId) };
    case 'presence': return upsertMember(state, action.user, true);
    case 'snapshot': return { ...state, members: action.users.map(member).sort(byName) };
    case 'error': return { ...state, error: action.error };
    default: return state;
  }
}

function connection(state, value) {
  // Typing stops sent while we were away are lost; a fresh start is better than a stuck indicator.
  const typingKept = value === 'connected' ? state.typing : [];
  return { ...state, connection: value, typing: typingKept };
}

function acknowledged(state, { clientMessageId, messageId, seq }) {
  const stored = state.messages.find((m) => m.id === messageId);
  if (stored) {
    // The room's `message` arrived before the ack (the server sends it first): drop the optimistic copy.
    return withMessages(state, state.messages.filter((m) => !(m.id === null && m.clientMessageId === clientMessageId)));
  }
  return withMessages(state, state.messages.map((m) => (m.id === null && m.clientMessageId === clientMessageId
    ? { ...m, id: messageId, seq, status: laterStatus(m.status, 'sent') } : m)));
}

/** Live messages and history pages alike: upsert by id, and an own message replaces its optimistic row. */
function received(state, incoming) {
  let messages = state.messages;
  for (const message of incoming) {
    if (message.roomId && message.roomId !== state.roomId) continue;
    const byId = messages.findIndex((m) => m.id === message.id);
    if (byId >= 0) {
      messages = replaceAt(messages, byId, merge(messages[byId], message));
      continue;
    }
    const optimistic = message.clientMessageId && message.userId === state.selfId
      ? messages.findIndex((m) => m.id === null && m.clientMessageId === message.clientMessageId) : -1;
    if (optimistic >= 0) messages = replaceAt(messages, optimistic, merge(messages[optimistic], message));
    else messages = [...messages, { ...message }];
  }
  return withMessages(state, messages);
}

function merge(known, fresh) {
  const status = laterStatus(known.status === 'failed' ? 'sending' : known.status, fresh.status);
  const merged = { ...known, ...fresh, status };
  // A history page read before an edit must not undo it.
  if (known.deleted) return { ...merged, deleted: true, content: '' };
  if ((known.editedAt ?? 0) > (fresh.editedAt ?? 0)) return { ...merged, content: known.content, editedAt: known.editedAt };
  return merged;
}

function patchMessage(state, messageId, change) {
  const index = state.messages.findIndex((m) => m.id === messageId);
  return index < 0 ? state : withMessages(state, replaceAt(state.messages, index, change(state.messages[index])));
}

function withMessages(state, messages) {
  return { ...state, messages: [...messages].sort(bySeq) };
}

function bySeq(a, b) {
  if (a.seq !== null && b.seq !== null) return a.seq - b.seq;
  if (a.seq !== null) return -1;
  if (b.seq !== null) return 1;
  return (a.createdAt ?? 0) - (b.createdAt ?? 0);
}

function typing(state, { userId, displayName, now, ttlMs }) {
  if (userId === state.selfId) return state;
  const others = state.typing.filter((t) => t.userId !== userId);
  return { ...state, now, typing: [...others, { userId, displayName, expiresAt: now + ttlMs }] };
}

function upsertMember(state, user, onlyKnownOrPresent) {
  const known = state.members.find((m) => m.userId === user.userId);
  if (!known && onlyKnownOrPresent) return state; // presence of someone in another room we share
  const others = state.members.filter((m) => m.userId !== user.userId);
  const updated = { ...known, ...member(user) };
  const members = user.status === 'offline' ? others : [...others, updated];
  return { ...state, members: members.sort(byName) };
}

function member(user) {
  return { userId: user.userId, displayName: user.displayName, status: user.status ?? 'online' };
}

function byName(a, b) {
  return a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId);
}

function replaceAt(array, index, value) {
  const copy = [...array];
  copy[index] = value;
  return copy;
}

const DEFAULTS = Object.freeze({
  typingTtlMs: 10000, // a safety net only: the server ends typing (user_stop_typing) after its own timeout
  typingRefreshMs: 2000,
  typingIdleMs: 3000,
  pageSize: 50,
});

/**
 * A room's messages, typing users, members and connection state, kept up to date from the client's events.
 * The client must be connected (or connecting); the room is joined here.
 */
export function createRealtimeChat(client, roomId, options = {}) {
  const settings = { ...DEFAULTS, ...options };
  let state = initialChatState(roomId, { selfId: client.userId });
  state = chatReducer(state, { type: 'connection', state: client.state });
  const listeners = new Set();
  const marked = { delivered: new Set(), read: new Set() };
  let readBatch = [];
  let readTimer = null;
  let typingSentAt = 0;
  let idleTimer = null;

  const dispatch = (action) => {
    const next = chatReducer(state, action);
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener(state);
  };

  const inRoom = (handler) => (payload, frame) => { if (payload.roomId === roomId) handler(payload, frame); };

  /** Incoming messages from others count as delivered once this page has them. */
  const acknowledge = (messages) => {
    for (const m of messages) {
      if (m.userId === client.userId || m.deleted || m.status === 'read' || marked.delivered.has(m.id)) continue;
      marked.delivered.add(m.id);
      client.markDelivered(roomId, m.id).catch(() => marked.delivered.delete(m.id));
    }
  };

  const subscriptions = [
    client.on('auth', (ok) => dispatch({ type: 'self', userId: ok.userId })),
    client.on('state', ({ state: value }) => dispatch({ type: 'connection', state: value })),
    client.on('message', inRoom((m) => { dispatch({ type: 'messages', messages: [m] }); acknowledge([m]); })),
    client.on('history', inRoom((h) => {
      dispatch({ type: 'messages', messages: [...h.messages, ...(h.changed ?? [])] });
      // Messages not yet delivered to everyone are acknowledged like live ones (they may have been missed live).
      acknowledge(h.messages.filter((m) => m.status === 'sent'));
    })),
    client.on('message_status_update', inRoom((u) => dispatch({ type: 'status', messageId: u.messageId, status: u.messageStatus }))),
    client.on('message_edit', inRoom((e) => dispatch({ type: 'edited', messageId: e.messageId, content: e.content, editedAt: e.editedAt }))),
    client.on('message_deleted', inRoom((d) => dispatch({ type: 'deleted', messageId: d.messageId }))),
    client.on('user_typing', inRoom((t) => dispatch({ type: 'typing', userId: t.userId, displayName: t.displayName,
      now: Date.now(), ttlMs: settings.typingTtlMs }))),
    client.on('user_stop_typing', inRoom((t) => dispatch({ type: 'stopTyping', userId: t.userId }))),
    client.on('room_join', inRoom((j) => dispatch({ type: 'joined', userId: j.userId, displayName: j.displayName }))),
    client.on('room_leave', inRoom((l) => dispatch({ type: 'left', userId: l.userId }))),
    client.on('presence_update', (p) => dispatch({ type: 'presence', user: p })),
    client.on('presence_snapshot', inRoom((s) => dispatch({ type: 'snapshot', users: s.users }))),
    client.on('recovered', () => refreshLatest()),
    client.on('error', (e) => dispatch({ type: 'error', error: { code: e.code, message: e.message } })),
  ];
  const ticker = setInterval(() => {
    if (state.typing.length > 0) dispatch({ type: 'tick', now: Date.now() });
  }, 500);

  /** The newest page: the start of the view, and after a reconnect the current statuses of recent messages. */
  function refreshLatest(initial = false) {
    return client.history(roomId, { limit: settings.pageSize })
      .then((reply) => { if (initial) dispatch({ type: 'older', hasMore: reply.hasMore }); })
      .catch(report);
  }

  function report(error) {
    dispatch({ type: 'error', error: { code: error.code ?? 'CLIENT', message: error.message } });
  }

  const ready = client.joinRoom(roomId)
    .then(() => client.requestPresenceSnapshot(roomId))
    .then(() => refreshLatest(true))
    .catch(report);

  function stopTypingSoon() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stopTyping, settings.typingIdleMs);
  }

  function stopTyping() {
    clearTimeout(idleTimer);
    if (typingSentAt === 0) return;
    typingSentAt = 0;
    client.stopTyping(roomId).catch(() => {});
  }

  return {
    ready,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Shows the message at once as "sending"; the ack makes it "sent"; a failure marks it "failed" (retry resends it). */
    send(content, { clientMessageId = randomId() } = {}) {
      stopTyping();
      const existing = state.messages.find((m) => m.id === null && m.clientMessageId === clientMessageId);
      if (existing) dispatch({ type: 'resending', clientMessageId });
      else dispatch({ type: 'optimistic', clientMessageId, content, displayName: client.displayName, createdAt: Date.now() });
      return client.sendMessage(roomId, content, { clientMessageId }).then(
        (ack) => { dispatch({ type: 'ack', clientMessageId, messageId: ack.messageId, seq: ack.seq }); return ack; },
        (error) => { dispatch({ type: 'failed', clientMessageId, error: { code: error.code, message: error.message } }); throw error; });
    },
    /** Sends a failed message again under its first clientMessageId, so the server stores it at most once. */
    retry(clientMessageId) {
      const failed = state.messages.find((m) => m.id === null && m.clientMessageId === clientMessageId);
      if (!failed) return Promise.resolve(null);
      return this.send(failed.content, { clientMessageId });
    },
    edit: (messageId, content) => client.editMessage(roomId, messageId, content).catch((e) => { report(e); throw e; }),
    delete: (messageId) => client.deleteMessage(roomId, messageId).catch((e) => { report(e); throw e; }),
    /** Call on every keystroke: `typing` goes out at most every typingRefreshMs, `stop_typing` after a pause. */
    typing() {
      const now = Date.now();
      if (now - typingSentAt >= settings.typingRefreshMs) {
        typingSentAt = now;
        client.typing(roomId).catch(() => {});
      }
      stopTypingSoon();
    },
    stopTyping,
    /** Marks messages as read (the page calls it for the rows the user can see); batched, each id once. */
    markRead(messageIds) {
      for (const id of messageIds) {
        const m = state.messages.find((x) => x.id === id);
        if (!m || m.userId === client.userId || m.deleted || marked.read.has(id)) continue;
        marked.read.add(id);
        readBatch.push(id);
      }
      if (readBatch.length > 0 && readTimer === null) {
        readTimer = setTimeout(() => {
          const ids = readBatch;
          readBatch = [];
          readTimer = null;
          client.markRead(roomId, ids).catch(() => ids.forEach((id) => marked.read.delete(id)));
        }, 100);
      }
    },
    /** The page before the oldest loaded message; resolves with whether even older ones exist. */
    loadOlder() {
      const oldest = state.messages.find((m) => m.seq !== null);
      if (!state.hasOlder || state.loadingOlder || !oldest) return Promise.resolve(state.hasOlder && !!oldest);
      dispatch({ type: 'loadingOlder', loading: true });
      return client.history(roomId, { beforeSeq: oldest.seq, limit: settings.pageSize })
        .then((reply) => { dispatch({ type: 'older', hasMore: reply.hasMore }); return reply.hasMore; })
        .catch((e) => { dispatch({ type: 'loadingOlder', loading: false }); report(e); return state.hasOlder; });
    },
    dismissError: () => dispatch({ type: 'error', error: null }),
    /** Stops listening and leaves the room. */
    close() {
      subscriptions.forEach((unsubscribe) => unsubscribe());
      clearInterval(ticker);
      clearTimeout(readTimer);
      stopTyping();
      listeners.clear();
      return client.leaveRoom(roomId).catch(() => {});
    },
  };
}
