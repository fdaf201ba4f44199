// Renders a room's messages into an <ol>, keyed, so a re-render keeps rows (and an edit in progress) in place.
// Every piece of user text goes in through textContent or an input's value, never as HTML.

const STATUS_LABEL = { sending: 'sending', sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

/** A row's identity from its optimistic form to the stored one: own rows by clientMessageId, others by id. */
export function rowKey(message, selfId) {
  return message.userId === selfId && message.clientMessageId ? `c:${message.clientMessageId}` : `m:${message.id}`;
}

export function createMessageList(list, { onEdit, onDelete, onRetry, onVisible }) {
  const rows = new Map(); // key → { li, parts }
  let editing = null; // key of the row being edited
  const visible = new Set();
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) visible.add(entry.target.dataset.messageId);
      else visible.delete(entry.target.dataset.messageId);
    }
    reportVisible();
  }, { root: list.parentElement, threshold: 0.5 });

  function reportVisible() {
    if (document.visibilityState === 'visible' && visible.size > 0) onVisible([...visible].filter(Boolean));
  }
  document.addEventListener('visibilitychange', reportVisible);

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function button(label, action) {
    const b = element('button', 'link', label);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  }

  function createRow(key) {
    const li = element('li', 'message');
    const meta = element('div', 'meta');
    const author = element('span', 'author');
    const time = element('time', 'time');
    const status = element('span', 'status');
    meta.append(author, time);
    const content = element('p', 'content');
    const footer = element('div', 'footer');
    const actions = element('span', 'actions');
    footer.append(status, actions);
    li.append(meta, content, footer);
    const row = { li, author, time, content, status, actions, key, message: null, own: false };
    rows.set(key, row);
    return row;
  }

  function startEdit(row) {
    editing = row.key;
    const form = element('form', 'edit');
    const input = element('input');
    input.value = row.message.content;
    input.setAttribute('aria-label', 'Edit message');
    input.maxLength = 2000;
    const cancel = () => { editing = null; form.replaceWith(row.content); fillActions(row); };
    form.append(input, element('button', null, 'Save'), button('Cancel', cancel));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text && text !== row.message.content) onEdit(row.message.id, input.value);
      cancel();
    });
    row.content.replaceWith(form);
    row.actions.replaceChildren();
    input.focus();
  }

  function fillActions(row) {
    const m = row.message;
    const buttons = [];
    if (row.own && m.status === 'failed') buttons.push(button('Retry', () => onRetry(m.clientMessageId)));
    if (row.own && m.id && !m.deleted && editing !== row.key) {
      buttons.push(button('Edit', () => startEdit(row)), button('Delete', () => onDelete(m.id)));
    }
    row.actions.replaceChildren(...buttons);
  }

  function update(row, m, selfId) {
    const changed = row.message === null || row.message.content !== m.content || row.message.deleted !== m.deleted
      || row.message.status !== m.status || row.message.id !== m.id || row.message.editedAt !== m.editedAt;
    row.own = m.userId === selfId;
    row.message = m;
    if (!changed) return;
    row.li.classList.toggle('own', row.own);
    row.li.classList.toggle('deleted', !!m.deleted);
    if (m.id) row.li.dataset.messageId = m.id;
    if (m.clientMessageId) row.li.dataset.clientMessageId = m.clientMessageId;
    row.li.dataset.status = m.status;
    row.author.textContent = row.own ? `${m.displayName ?? 'You'} (you)` : m.displayName;
    row.time.textContent = new Date(m.createdAt ?? Date.now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    if (m.createdAt) row.time.dateTime = new Date(m.createdAt).toISOString();
    row.content.textContent = m.deleted ? 'Message deleted' : m.content;
    row.content.classList.toggle('edited', !!m.editedAt && !m.deleted);
    row.status.textContent = row.own ? STATUS_LABEL[m.status] ?? m.status : '';
    row.status.title = m.error?.message ?? '';
    if (editing !== row.key) fillActions(row);
    if (m.deleted && editing === row.key) editing = null;
    if (!row.own && m.id && !row.observed) {
      row.observed = true;
      observer.observe(row.li);
    }
  }

  return {
    render(messages, selfId) {
      const keys = new Set();
      let previous = null;
      for (const m of messages) {
        const key = rowKey(m, selfId);
        keys.add(key);
        const row = rows.get(key) ?? createRow(key);
        update(row, m, selfId);
        const expectedNext = previous ? previous.nextSibling : list.firstChild;
        if (expectedNext !== row.li) list.insertBefore(row.li, expectedNext);
        previous = row.li;
      }
      for (const [key, row] of rows) {
        if (keys.has(key)) continue;
        observer.unobserve(row.li);
        row.li.remove();
        rows.delete(key);
      }
    },
    clear() {
      observer.disconnect();
      visible.clear();
      rows.clear();
      editing = null;
      list.replaceChildren();
    },
  };
}
