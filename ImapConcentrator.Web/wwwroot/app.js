// The dashboard: live notifications over SignalR, replay of what was missed, mailbox states for whitelist keys.
// Everything from mail is inserted with textContent, never as HTML.
"use strict";

const storageKey = "imapconcentrator.token";
const shown = new Set();
const maxShown = 500;
let catchUpFrom = 0; // everything up to here was fetched by replay; newer ids may have come live
let connection = null;
let mailboxTimer = null;

const $ = (id) => document.getElementById(id);

function setStatus(state, text) {
  const status = $("status");
  status.className = `status ${state}`;
  status.textContent = text ?? state;
}

function safeLink(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function render(n, isNew) {
  if (shown.has(n.id)) return;
  shown.add(n.id);
  const item = $("notification-template").content.firstElementChild.cloneNode(true);
  item.dataset.id = n.id;
  item.querySelector(".account").textContent = n.account;
  item.querySelector(".folder").textContent = n.folder;
  const time = item.querySelector("time");
  time.dateTime = n.date;
  time.textContent = new Date(n.date).toLocaleString();
  item.querySelector(".from").textContent = n.from || "(no sender)";
  item.querySelector(".subject").textContent = n.subject || "(no subject)";
  item.querySelector(".preview").textContent = n.preview;
  const href = n.link ? safeLink(n.link) : null;
  if (href) {
    const a = item.querySelector(".link");
    a.href = href;
    a.hidden = false;
  }
  if (isNew) item.classList.add("new");

  // Newest first: insert before the first item with a smaller id.
  const list = $("notifications");
  const after = [...list.children].find((li) => Number(li.dataset.id) < n.id);
  list.insertBefore(item, after ?? null);
  while (list.children.length > maxShown) list.lastElementChild.remove();
  $("count").textContent = `(${shown.size})`;
}

async function catchUp() {
  // Pages of at most 1000, oldest first, until nothing is left. The cursor is this loop's own: live pushes
  // that arrive meanwhile must not make it skip ids.
  let cursor = catchUpFrom;
  for (;;) {
    const page = await connection.invoke("GetNotificationsSince", cursor);
    page.forEach((n) => render(n, false));
    if (page.length > 0) cursor = page[page.length - 1].id;
    if (page.length < 1000) break;
  }
  catchUpFrom = cursor;
}

async function loadMailboxes(token) {
  const response = await fetch("api/mailboxes", { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) {
    $("mailboxes-section").hidden = true; // a chat token cannot list every mailbox
    return;
  }
  const body = $("mailboxes");
  body.replaceChildren();
  for (const m of await response.json()) {
    const row = document.createElement("tr");
    const cells = [m.id, `${m.username}@${m.host}`, m.folder, m.state,
      m.lastCheckedAt ? new Date(m.lastCheckedAt).toLocaleString() : "", m.lastError ?? ""];
    cells.forEach((value, i) => {
      const cell = document.createElement("td");
      cell.textContent = value;
      if (i === 3) cell.className = `state-${m.state}`;
      row.appendChild(cell);
    });
    body.appendChild(row);
  }
  $("mailboxes-section").hidden = false;
}

async function start(token) {
  $("login").hidden = true;
  $("main").hidden = false;
  $("signout").hidden = false;
  connection = new signalR.HubConnectionBuilder()
    .withUrl("hubs/notifications", { accessTokenFactory: () => token })
    // Never give up: back off to 30 s between attempts.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(30000, 1000 * 2 ** ctx.previousRetryCount) })
    .build();
  connection.on("NewMail", (n) => render(n, true));
  connection.onreconnecting(() => setStatus("reconnecting"));
  connection.onreconnected(async () => {
    setStatus("connected");
    await catchUp();
  });
  connection.onclose(() => {
    setStatus("disconnected");
    setTimeout(() => connect(token), 5000);
  });
  await connect(token);
  await loadMailboxes(token);
  mailboxTimer = setInterval(() => loadMailboxes(token), 15000);
}

async function connect(token) {
  if (connection.state !== signalR.HubConnectionState.Disconnected) return;
  setStatus("connecting");
  try {
    await connection.start();
    setStatus("connected");
    await catchUp();
  } catch (err) {
    if (String(err).includes("401")) {
      setStatus("disconnected", "key refused");
      sessionStorage.removeItem(storageKey);
      $("login").hidden = false;
      return;
    }
    setStatus("disconnected");
    setTimeout(() => connect(token), 5000);
  }
}

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  const token = $("token").value.trim();
  if (!token) return;
  sessionStorage.setItem(storageKey, token);
  start(token);
});

$("signout").addEventListener("click", async () => {
  sessionStorage.removeItem(storageKey);
  clearInterval(mailboxTimer);
  if (connection) await connection.stop();
  location.reload();
});

const saved = sessionStorage.getItem(storageKey);
if (saved) start(saved);
