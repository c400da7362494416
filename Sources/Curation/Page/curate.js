// The curation page: a grid of samples, keys 1–9 label, Shift+1–9 label the rest of the page, arrows move,
// u undoes, s skips, z enlarges the tile at the cursor.
// Every label is sent to the server, which writes it to the dataset before answering.
"use strict";

const pageSize = 40;
const view = {
  info: null,            // the last full /api/state
  labels: [],            // the class of every sample, null when unlabelled
  version: -1,
  modelVersion: -1,
  order: "plain",
  samples: [],           // the current order's samples
  cursor: 0,             // position in `samples`
  skipped: new Set(),
  undo: [],              // [{sample, previous}, ...] per key press of this tab, newest last
  pending: 0,
  inFlight: new Map(),   // sample -> label sent and not yet answered
  zoomed: false,         // whether the tile at the cursor is shown enlarged
  queue: Promise.resolve(),
  error: null,
  orderStale: false,
};

const $ = (id) => document.getElementById(id);

async function getJSON(url) {
  const response = await fetch(url, { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

async function loadState() {
  const query = view.info ? `?version=${view.version}&model=${view.modelVersion}` : "";
  const state = await getJSON(`/api/state${query}`);
  if (state.unchanged) return false;
  const modelChanged = view.info && state.modelVersion !== view.modelVersion;
  view.info = state;
  view.labels = state.labels;
  view.version = state.version;
  view.modelVersion = state.modelVersion;
  if (modelChanged && view.order !== "plain") view.orderStale = true;
  return true;
}

async function loadOrder(name) {
  const result = await getJSON(`/api/order?name=${encodeURIComponent(name)}`);
  if (!result.samples) {
    showNotice(result.note);
    if (name !== "plain") return loadOrder("plain");
    return;
  }
  view.order = name;
  view.samples = result.samples;
  view.orderStale = false;
  view.skipped.clear();
  const firstOpen = view.samples.findIndex((s) => view.labels[s] === null);
  view.cursor = firstOpen >= 0 ? firstOpen : 0;
  if (name === "disagreements") view.cursor = 0;
  if (name === "disagreements" && view.samples.length === 0) showNotice("The model agrees with every label given so far.");
  else if (result.note) showNotice(result.note);
  else hideNotice();
}

function showNotice(text) { const n = $("notice"); n.textContent = text; n.hidden = false; }
function hideNotice() { if (!view.info || view.info.images) $("notice").hidden = true; }

function className(label) { return label === null || label === undefined ? "" : view.info.classes[label]; }

function renderHeader() {
  const info = view.info;
  document.title = `Curate ${info.attribute} — ${info.dataset}`;
  $("title").textContent = `${info.attribute} · ${info.dataset}`;
  $("keys").replaceChildren(...info.classes.map((name, i) => {
    const span = document.createElement("span");
    span.className = "key";
    span.innerHTML = `<kbd class="c${i}"></kbd><span></span>`;
    span.firstChild.textContent = String(i + 1);
    span.lastChild.textContent = name;
    return span;
  }));
  $("order-choice").replaceChildren(...info.orders.map((order) => {
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("role", "radio");
    button.dataset.order = order.name;
    button.textContent = order.title;
    button.setAttribute("aria-checked", String(order.name === view.order));
    button.disabled = order.name !== "plain" && !info.model;
    if (button.disabled) button.title = info.modelNote || "needs a model";
    button.addEventListener("click", async () => { await loadOrder(order.name); render(); $("grid").focus(); });
    return button;
  }));
}

function renderStatus() {
  const info = view.info;
  const counts = info.classes.map(() => 0);
  let left = 0;
  for (const label of view.labels) { if (label === null) left += 1; else counts[label] += 1; }
  $("counts").innerHTML = info.classes.map((name, i) => `${escapeHTML(name)} <b data-class="${i}">${counts[i]}</b>`).join(" · ")
    + ` · left <b id="left">${left}</b> of ${info.count}`;
  let model;
  if (info.model) {
    const m = info.model;
    model = `model: trained on <b>${m.trainedOn}</b> labels${m.restored ? ' <span id="restored">(saved, read at start)</span>' : ""}, held-out accuracy <b id="accuracy">${m.heldOutAccuracy.toFixed(3)}</b>`
      + ` against <b id="majority">${m.majorityRate.toFixed(3)}</b> for always “${escapeHTML(className(m.majorityClass))}”, balanced accuracy <b id="balanced">${m.balancedAccuracy.toFixed(3)}</b>`
      + ` (each label predicted by the fold model that did not see it)`
      + (info.training ? " · retraining…" : ` · retrains every ${info.retrainEvery} labels`);
  } else {
    model = `model: ${escapeHTML(info.modelNote || (info.training ? "training…" : "none yet"))}`;
  }
  if (view.orderStale) model += " · new model: the order refreshes at the next page";
  if (info.modelSaveError) model += ` · <span class="error">model not saved: ${escapeHTML(info.modelSaveError)}</span>`;
  $("model").innerHTML = model;
  $("history-line").innerHTML = info.model ? accuracyHistoryChart(info.model.history) : "";
  const saving = $("saving");
  saving.dataset.pending = String(view.pending);
  saving.classList.toggle("error", Boolean(view.error));
  saving.textContent = view.error ? `not saved: ${view.error}` : view.pending ? `saving ${view.pending}…` : "all labels saved";
  $("pager").textContent = view.samples.length
    ? `${view.info.orders.find((o) => o.name === view.order).title}: ${view.cursor + 1} of ${view.samples.length}`
    : "nothing in this order";
  if (!info.images) showNotice(`No images to show: ${info.imagesNote}. The tiles show sample numbers only.`);
}

// A small chart of held-out accuracy against labels given, one point per model of the attribute.
function accuracyHistoryChart(history) {
  if (!history || history.length < 2) return "";
  const width = 180, height = 34, pad = 4;
  const xs = history.map((p) => p.labels), ys = history.map((p) => p.accuracy);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys, 0.5), Math.max(...ys, 0.5 + 1e-9)];
  const x = (v) => pad + (x1 === x0 ? 0 : (v - x0) / (x1 - x0)) * (width - 2 * pad);
  const y = (v) => height - pad - ((v - y0) / (y1 - y0)) * (height - 2 * pad);
  const points = history.map((p) => `${x(p.labels).toFixed(1)},${y(p.accuracy).toFixed(1)}`).join(" ");
  const text = history.map((p) => `${p.labels} labels: ${p.accuracy.toFixed(3)} (majority ${p.majorityRate.toFixed(3)}, balanced ${p.balancedAccuracy.toFixed(3)})`).join(", ");
  const last = history[history.length - 1];
  return `held-out accuracy as labels came: <svg id="history" class="history" width="${width}" height="${height}" role="img" aria-label="held-out accuracy by labels given: ${text}">`
    + `<title>held-out accuracy by labels given: ${text}</title>`
    + `<polyline points="${points}"/>`
    + `<circle cx="${x(last.labels).toFixed(1)}" cy="${y(last.accuracy).toFixed(1)}" r="2.5"/></svg>`
    + ` <b>${history[0].accuracy.toFixed(2)}</b> at ${history[0].labels} → <b>${last.accuracy.toFixed(2)}</b> at ${last.labels} labels`
    + ` (majority-class rate ${last.majorityRate.toFixed(2)}, balanced ${last.balancedAccuracy.toFixed(2)}; ${history.length} models)`;
}

function renderGrid() {
  const grid = $("grid");
  const start = Math.floor(view.cursor / pageSize) * pageSize;
  const predictions = view.info.model ? view.info.model.predictions : null;
  const tiles = view.samples.slice(start, start + pageSize).map((sample, offset) => {
    const position = start + offset;
    const label = view.labels[sample];
    const tile = document.createElement("div");
    tile.className = "tile";
    tile.dataset.sample = String(sample);
    tile.dataset.position = String(position);
    if (position === view.cursor) tile.classList.add("cursor");
    if (position === view.cursor && view.zoomed) tile.classList.add("zoomed");
    if (label !== null) tile.classList.add("labelled");
    if (view.skipped.has(sample)) tile.classList.add("skipped");
    let picture;
    if (view.info.images) {
      picture = document.createElement("img");
      picture.src = `/image/${sample}.png`;
      picture.alt = `sample ${sample}`;
    } else {
      picture = document.createElement("div");
      picture.className = "noimage";
      picture.textContent = String(sample);
    }
    const index = document.createElement("span");
    index.className = "index";
    index.textContent = String(sample);
    const caption = document.createElement("div");
    caption.className = "label" + (label !== null ? ` c${label}` : "");
    caption.textContent = label !== null ? className(label) : (view.skipped.has(sample) ? "skipped" : "—");
    tile.append(picture, index, caption);
    if (predictions) {
      const guess = document.createElement("span");
      guess.className = "guess";
      guess.textContent = className(predictions[sample]) + "?";
      guess.title = "the model's guess";
      tile.append(guess);
    }
    tile.addEventListener("click", () => { view.cursor = position; render(); });
    return tile;
  });
  grid.replaceChildren(...tiles);
  const cursorTile = grid.querySelector(".cursor");
  // The first row of tiles keeps the header and the status in view; further rows scroll as little as needed.
  const firstRow = tiles.length > 0 && cursorTile && cursorTile.offsetTop === tiles[0].offsetTop;
  if (firstRow) window.scrollTo(0, 0);
  else if (cursorTile) cursorTile.scrollIntoView({ block: "nearest" });
}

function render() {
  if (!view.info) return;
  renderHeader();
  renderStatus();
  renderGrid();
}

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// Sends one label (null removes it); labels go out one at a time in the order given.
function send(sample, label) {
  view.pending += 1;
  view.inFlight.set(sample, label);
  renderStatus();
  view.queue = view.queue.then(async () => {
    try {
      const response = await fetch("/api/label", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sample, class: label }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      if (view.inFlight.get(sample) === label) view.inFlight.delete(sample);
      view.labels[sample] = body.class;
      view.version = Math.max(view.version, body.version);
      view.error = null;
    } catch (error) {
      if (view.inFlight.get(sample) === label) view.inFlight.delete(sample);
      view.error = error.message;
    } finally {
      view.pending -= 1;
      render();
    }
  });
  return view.queue;
}

function columns() {
  const template = getComputedStyle($("grid")).gridTemplateColumns;
  return Math.max(1, template.split(" ").filter(Boolean).length);
}

async function advance() {
  const lastOnPage = Math.floor(view.cursor / pageSize) * pageSize + pageSize - 1;
  if (view.order === "uncertain" && (view.cursor >= lastOnPage || view.cursor >= view.samples.length - 1)) {
    await view.queue;
    await loadState();
    await loadOrder("uncertain");  // the newest model's order, without the samples just labelled
    return;
  }
  view.cursor = Math.min(view.cursor + 1, Math.max(0, view.samples.length - 1));
}

// The label a sample has or is about to have (sent, not yet answered), null if none.
function currentLabel(sample) {
  return view.inFlight.has(sample) ? view.inFlight.get(sample) : view.labels[sample];
}

// The class of a Shift+digit press (by the key's place, so any keyboard layout), or -1.
function shiftedDigit(event) {
  const match = event.shiftKey && /^(?:Digit|Numpad)([1-9])$/.exec(event.code || "");
  return match ? Number(match[1]) - 1 : -1;
}

// Labels every tile of the current page that has no label (given or on its way) and was not skipped with
// `label`; one undo takes them all back.
async function labelRestOfPage(label) {
  const start = Math.floor(view.cursor / pageSize) * pageSize;
  const open = view.samples.slice(start, start + pageSize)
    .filter((sample) => currentLabel(sample) === null && !view.skipped.has(sample));
  if (open.length === 0) return;
  view.undo.push(open.map((sample) => ({ sample, previous: null })));
  for (const sample of open) send(sample, label);
  if (view.order === "uncertain") {
    await view.queue;
    await loadState();
    await loadOrder("uncertain");
  } else if (start + pageSize < view.samples.length) {
    view.cursor = start + pageSize;
  }
}

async function onKey(event) {
  if (!view.info || event.ctrlKey || event.metaKey || event.altKey) return;
  const sample = view.samples[view.cursor];
  const key = event.key;
  const rest = shiftedDigit(event);
  if (rest >= 0) {
    if (rest >= view.info.classes.length) return;
    await labelRestOfPage(rest);
  } else if (/^[1-9]$/.test(key)) {
    const label = Number(key) - 1;
    if (label >= view.info.classes.length || sample === undefined) return;
    event.preventDefault();
    view.undo.push([{ sample, previous: currentLabel(sample) }]);
    view.skipped.delete(sample);
    send(sample, label);
    await advance();
  } else if (key === "u") {
    const last = view.undo.pop();
    if (!last) return;
    event.preventDefault();
    for (const { sample: undone, previous } of last) send(undone, previous);
    const position = view.samples.indexOf(last[0].sample);
    if (position >= 0) view.cursor = position;
  } else if (key === "z" || (key === "Escape" && view.zoomed)) {
    view.zoomed = key === "z" ? !view.zoomed : false;
  } else if (key === "s") {
    if (sample === undefined) return;
    event.preventDefault();
    view.skipped.add(sample);
    await advance();
  } else if (key === "ArrowRight" || key === "ArrowLeft" || key === "ArrowDown" || key === "ArrowUp") {
    event.preventDefault();
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns(), ArrowUp: -columns() }[key];
    view.cursor = Math.min(Math.max(view.cursor + step, 0), Math.max(0, view.samples.length - 1));
  } else {
    return;
  }
  render();
}

// Keys are handled one after another, so fast typing keeps its order.
let keyChain = Promise.resolve();
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (/^[1-9]$/.test(event.key) || shiftedDigit(event) >= 0
      || ["u", "s", "z", "Escape", "ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"].includes(event.key)) {
    event.preventDefault();
    keyChain = keyChain.then(() => onKey(event));
  }
});

// Other tabs may label too: the last write of a sample wins, and this tab shows it.
async function poll() {
  try {
    if (view.pending === 0 && await loadState()) render();
  } catch (error) {
    view.error = `the server does not answer (${error.message})`;
    renderStatus();
  }
  setTimeout(poll, 1500);
}

(async function start() {
  await loadState();
  await loadOrder("plain");
  render();
  $("grid").focus();
  document.body.dataset.ready = "true";
  setTimeout(poll, 1500);
})();
