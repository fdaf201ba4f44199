// One room's state as a pure reducer: messages in seq order with forward-only statuses, optimistic rows reconciled
// by clientMessageId, typing users with expiry, members with presence. No I/O; realtime-chat.js feeds it events.

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

