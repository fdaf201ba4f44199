// One room's live state on top of an AnonChatClient: what useRealtimeChat was meant to be, without a framework.
// The state itself is the pure reducer in chat-state.js (tested in the browser by src/test/browser/logic-tests.js);
// this module wires it to the client's events and offers the actions.
import { randomId } from './anonchat-client.js';
import { chatReducer, initialChatState } from './chat-state.js';

export { chatReducer, initialChatState, laterStatus } from './chat-state.js';

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
