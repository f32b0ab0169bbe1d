// The live picture of the stack: polls status.json every second and redraws the diagram and
// the table in place. Rates are computed here from the counters of two successive readings.
"use strict";

const POLL_MS = 1000;
const SVG = "http://www.w3.org/2000/svg";
let previous = null;

function el(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function rate(now, before, pick) {
  if (!before) return null;
  const seconds = (Date.parse(now.generatedAt) - Date.parse(before.generatedAt)) / 1000;
  const a = pick(now), b = pick(before);
  if (seconds <= 0 || a == null || b == null || a < b) return null;
  return (a - b) / seconds;
}

function perSecond(value, unit) {
  return value == null ? "–" : value.toFixed(value < 10 ? 1 : 0) + " " + unit + "/s";
}

function state(up) {
  return up === true ? "up" : up === false ? "down" : "unknown";
}

// One box of the diagram: data-tier names it for tests and for people reading the DOM.
function box(id, x, y, width, name, address, up, rateText) {
  const group = el("g", { class: "node " + state(up), id: "node-" + id, "data-tier": id,
    "data-state": state(up), transform: `translate(${x},${y})` });
  group.append(
    el("rect", { width, height: 76 }),
    el("text", { x: width / 2, y: 24, class: "name" }, name),
    el("text", { x: width / 2, y: 44, class: "address" }, address || ""),
    el("text", { x: width / 2, y: 64, class: "rate" }, rateText));
  return group;
}

function link(x1, y1, x2, y2, up) {
  return el("path", { d: `M ${x1} ${y1} L ${x2} ${y2}`, class: "link " + state(up),
    "marker-end": "url(#arrow)" });
}

function draw(now, before) {
  const nodes = document.getElementById("nodes");
  const links = document.getElementById("links");
  const boxes = [], lines = [];
  const apps = now.apps || [];

  const dnsRate = rate(now, before, (s) => s.dns && s.dns.queries);
  const webRate = rate(now, before, (s) => s.web.requests);
  boxes.push(box("browser", 20, 20, 160, "browser", "dig · curl · you", true, ""));
  if (now.dns) {
    boxes.push(box("dns", 370, 20, 200, "DNS", now.dns.address, now.dns.up,
      perSecond(dnsRate, "queries")));
    lines.push(link(180, 58, 370, 58, now.dns.up));
  }
  boxes.push(box("web", 20, 170, 200, "web", now.web.address, now.web.up,
    perSecond(webRate, "requests")));
  lines.push(link(100, 96, 100, 170, now.web.up));

  const column = 340, width = 200;
  apps.forEach((app, i) => {
    const y = 130 + i * (250 / Math.max(1, apps.length));
    const appRate = rate(now, before,
      (s) => (s.apps || []).filter((a) => a.name === app.name).map((a) => a.requests)[0]);
    boxes.push(box(app.name, column, y, width, app.name, app.address, app.healthy,
      perSecond(appRate, "requests")));
    lines.push(link(220, 208, column, y + 38, app.healthy));
    lines.push(link(column + width, y + 38, 660, 208, app.database === "up"));
  });
  boxes.push(box("database", 660, 170, 200, "MariaDB", now.database.address,
    now.database.up, now.database.up ? "reachable" : "unreachable"));

  links.replaceChildren(...lines);
  nodes.replaceChildren(...boxes);
  table(now, before, dnsRate, webRate);
}

function table(now, before, dnsRate, webRate) {
  const rows = [];
  const row = (tier, address, up, rateText, detail) => {
    const tr = document.createElement("tr");
    tr.dataset.tier = tier;
    for (const [value, cls] of [[tier], [address || ""], [state(up), state(up)], [rateText],
      [detail || ""]]) {
      const td = document.createElement("td");
      td.textContent = value;
      if (cls) td.className = cls;
      tr.append(td);
    }
    rows.push(tr);
  };
  if (now.dns) row("dns", now.dns.address, now.dns.up, perSecond(dnsRate, "queries"), now.dns.detail);
  row("web", now.web.address, now.web.up, perSecond(webRate, "requests"), "");
  for (const app of now.apps || []) {
    const appRate = rate(now, before,
      (s) => (s.apps || []).filter((a) => a.name === app.name).map((a) => a.requests)[0]);
    row(app.name, app.address, app.healthy, perSecond(appRate, "requests"),
      "database " + (app.database || "unknown"));
  }
  row("database", now.database.address, now.database.up, "", now.database.detail);
  document.querySelector("#tiers tbody").replaceChildren(...rows);
}

async function poll() {
  const updated = document.getElementById("updated");
  try {
    const response = await fetch("status.json", { cache: "no-store" });
    if (!response.ok) throw new Error("status.json: HTTP " + response.status);
    const now = await response.json();
    draw(now, previous);
    previous = now;
    updated.className = "";
    updated.textContent = "Updated " + new Date(now.generatedAt).toLocaleTimeString();
    updated.dataset.generatedAt = now.generatedAt;
  } catch (error) {
    updated.className = "stale";
    updated.textContent = "No reading: " + error.message;
  }
  setTimeout(poll, POLL_MS);
}

poll();
