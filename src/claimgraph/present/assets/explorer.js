/* claimgraph explorer: draws the argument graph with vis-network, with a legend, type filters,
 * search, tooltips and a details panel.
 *
 * Every string shown comes from data, so text is only ever set with textContent (never
 * innerHTML), and tooltips are our own DOM elements, not vis-network's `title` strings.
 * window.claimgraphExplorer exposes the state that tests and benchmarks read: `ready`, `still`
 * (physics stopped or stabilised), `stillAt` (ms since navigation), the vis DataSets, search()
 * and setTypeVisible().
 */
(function () {
  "use strict";

  performance.mark("explorer:start");
  var data = JSON.parse(document.getElementById("explorer-data").textContent);
  performance.mark("explorer:parsed");
  var state = {
    ready: false, still: false, stillAt: null, readyAt: null,
    nodeCount: data.nodes.length, edgeCount: data.edges.length,
    mode: data.mode, errors: []
  };
  window.claimgraphExplorer = state;

  var types = data.types;            // [{key, label, color, shape, glyph, size}]
  var edgeTypes = data.edgeTypes;    // [{key, color, dashes, width}]
  var statusStyles = data.statuses;  // {accepted: {label, color, dashes}, ...}

  // -- data -> vis DataSets ------------------------------------------------------------------
  // Large graphs get their labels lazily: vis-network measures every label before the first
  // frame, even those too small to draw, which costs seconds at 20,000 nodes. Labels are added
  // to what is in view once the view is close enough for them to be drawn at all.
  var lazyLabels = data.lazyLabels;
  // A node row: [typeIndex, label, x, y, iri, text, source, date, status]
  var meta = new Array(data.nodes.length);
  var visNodes = new Array(data.nodes.length);
  for (var i = 0; i < data.nodes.length; i++) {
    var r = data.nodes[i];
    var t = types[r[0]];
    var m = { id: i, type: t.key, label: r[1], iri: r[4], text: r[5], source: r[6], date: r[7], status: r[8] };
    meta[i] = m;
    var item = { id: i, group: t.key };
    if (!lazyLabels) { item.label = r[1]; }
    if (r[2] !== null) { item.x = r[2]; item.y = r[3]; }
    var st = m.status && statusStyles[m.status];
    if (st) {
      item.borderWidth = 2;
      item.color = { background: t.color, border: st.color,
                     highlight: { background: t.color, border: st.color },
                     hover: { background: t.color, border: st.color } };
      if (st.dashes) { item.shapeProperties = { borderDashes: [5, 4] }; }
    }
    visNodes[i] = item;
  }
  // An edge row: [from, to, typeIndex, qualifier]
  var edgeMeta = new Array(data.edges.length);
  var visEdges = new Array(data.edges.length);
  for (var j = 0; j < data.edges.length; j++) {
    var e = data.edges[j];
    var et = edgeTypes[e[2]];
    edgeMeta[j] = { type: et.key, qualifier: e[3] };
    visEdges[j] = { id: j, from: e[0], to: e[1],
                    color: { color: et.color, highlight: et.color, hover: et.color },
                    dashes: et.dashes, width: et.width };
    if (!lazyLabels) { visEdges[j].label = et.key; }
  }
  performance.mark("explorer:rows");
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  state.nodes = nodes;
  state.edges = edges;
  state.meta = meta;

  // -- small DOM helpers (text only) -----------------------------------------------------------
  function el(tag, text, className) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null && text !== "") { x.textContent = String(text); }
    if (className) { x.className = className; }
    return x;
  }
  function clip(text, n) {
    text = text || "";
    return text.length > n ? text.slice(0, n - 1) + "\u2026" : text;
  }
  function typeLabel(key) {
    for (var k = 0; k < types.length; k++) { if (types[k].key === key) { return types[k].label; } }
    return key;
  }

  // -- tooltip ------------------------------------------------------------------------------
  function tooltipFor(id) {
    var m = meta[id];
    var box = el("div", null, "tip");
    box.appendChild(el("strong", m.label.replace(/\n/g, " ")));
    var line = typeLabel(m.type);
    if (m.status) { line += " \u00b7 grounded: " + m.status; }
    box.appendChild(el("div", line, "meta" + (m.status ? " status-" + m.status : "")));
    if (m.text) { box.appendChild(el("p", clip(m.text, 600))); }
    if (m.source) { box.appendChild(el("div", "Source: " + clip(m.source, 300), "meta")); }
    if (m.date) { box.appendChild(el("div", "Date: " + m.date, "meta")); }
    box.appendChild(el("div", m.iri, "iri"));
    return box;
  }
  function edgeTooltipFor(id) {
    var em = edgeMeta[id];
    var e = visEdges[id];
    var box = el("div", null, "tip");
    box.appendChild(el("strong", em.type));
    box.appendChild(el("div", clip(meta[e.from].label.replace(/\n/g, " "), 80) + " \u2192 " +
                              clip(meta[e.to].label.replace(/\n/g, " "), 80), "meta"));
    if (em.qualifier) { box.appendChild(el("p", clip(em.qualifier, 400))); }
    return box;
  }
  state.tooltipFor = tooltipFor;
  var tooltip = document.getElementById("tooltip");
  function showTooltip(box, pointer) {
    tooltip.replaceChildren(box);
    tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth) { x = Math.max(0, window.innerWidth - w - 4); }
    if (y + h > window.innerHeight) { y = Math.max(0, rect.top + pointer.y - h - 14); }
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  function hideTooltip() { tooltip.hidden = true; tooltip.replaceChildren(); }

  // -- details panel --------------------------------------------------------------------------
  var details = document.getElementById("details");
  var detailsBody = document.getElementById("details-body");
  function showDetails(id) {
    var m = meta[id];
    var dl = el("dl");
    function row(k, v) { if (v) { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); } }
    row("Label", m.label.replace(/\n/g, " "));
    row("Type", typeLabel(m.type));
    row("Grounded status", m.status);
    row("Text", m.text);
    row("Source", m.source);
    row("Date", m.date);
    row("IRI", m.iri);
    var list = el("ul");
    var connected = network.getConnectedEdges(id);
    for (var k = 0; k < connected.length && k < 50; k++) {
      var e = visEdges[connected[k]];
      var etype = edgeMeta[connected[k]].type;
      var other = e.from === id ? e.to : e.from;
      var arrow = e.from === id ? etype + " \u2192 " : "\u2190 " + etype + " ";
      var li = el("li", arrow + clip(meta[other].label.replace(/\n/g, " "), 60));
      li.tabIndex = 0;
      li.addEventListener("click", focusNode.bind(null, other));
      list.appendChild(li);
    }
    if (connected.length) { dl.appendChild(el("dt", "Connections (" + connected.length + ")")); dl.appendChild(list); }
    detailsBody.replaceChildren(dl);
    details.hidden = false;
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    showDetails(id);
  }
  state.focusNode = focusNode;

  // -- legend and type filters ---------------------------------------------------------------
  var counts = {};
  for (var c = 0; c < meta.length; c++) { counts[meta[c].type] = (counts[meta[c].type] || 0) + 1; }
  var legend = document.getElementById("legend");
  types.forEach(function (t) {
    var li = el("li");
    var label = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t.key;
    box.dataset.type = t.key;
    box.disabled = !counts[t.key];
    box.addEventListener("change", function () { setTypeVisible(t.key, box.checked); });
    var glyph = el("span", t.glyph, "glyph");
    glyph.style.color = t.color;
    label.appendChild(box);
    label.appendChild(glyph);
    label.appendChild(el("span", t.label));
    li.appendChild(label);
    li.appendChild(el("span", String(counts[t.key] || 0), "count"));
    legend.appendChild(li);
  });
  var statusLegend = document.getElementById("status-legend");
  Object.keys(statusStyles).forEach(function (k) {
    var li = el("li");
    var line = el("span", null, "line" + (statusStyles[k].dashes ? " dashed" : ""));
    line.style.borderColor = statusStyles[k].color;
    li.appendChild(line);
    li.appendChild(el("span", statusStyles[k].label));
    statusLegend.appendChild(li);
  });
  var edgeLegend = document.getElementById("edge-legend");
  var edgeCounts = {};
  for (var d = 0; d < edgeMeta.length; d++) { edgeCounts[edgeMeta[d].type] = (edgeCounts[edgeMeta[d].type] || 0) + 1; }
  edgeTypes.forEach(function (et) {
    if (!edgeCounts[et.key]) { return; }
    var li = el("li");
    var line = el("span", null, "line" + (et.dashes ? " dashed" : ""));
    line.style.borderColor = et.color;
    li.appendChild(line);
    li.appendChild(el("span", et.key));
    li.appendChild(el("span", String(edgeCounts[et.key]), "count"));
    edgeLegend.appendChild(li);
  });

  function setTypeVisible(key, visible) {
    var updates = [];
    for (var k = 0; k < meta.length; k++) {
      if (meta[k].type === key) { updates.push({ id: k, hidden: !visible }); }
    }
    nodes.update(updates);
    var boxes = legend.querySelectorAll("input[type=checkbox]");
    for (var b = 0; b < boxes.length; b++) { if (boxes[b].value === key) { boxes[b].checked = visible; } }
    return updates.length;
  }
  state.setTypeVisible = setTypeVisible;
  state.hiddenCount = function () { return nodes.get({ filter: function (n) { return n.hidden === true; } }).length; };

  // -- search -------------------------------------------------------------------------------
  var haystack = null;
  var searchBox = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");
  var results = document.getElementById("results");
  function search(query) {
    var q = (query || "").trim().toLowerCase();
    results.replaceChildren();
    if (!q) { searchStatus.textContent = ""; state.lastSearch = []; return []; }
    if (haystack === null) {
      haystack = meta.map(function (m) {
        return (m.label + " " + m.text + " " + m.iri + " " + m.source).toLowerCase();
      });
    }
    // label matches first (exact, then prefix, then anywhere), then matches in text, IRI, source
    var scored = [];
    for (var k = 0; k < haystack.length; k++) {
      if (haystack[k].indexOf(q) === -1 || nodes.get(k).hidden) { continue; }
      var label = meta[k].label.replace(/\n/g, " ").toLowerCase();
      var score = label === q ? 0 : label.indexOf(q) === 0 ? 1 : label.indexOf(q) !== -1 ? 2 : 3;
      scored.push([score, label, k]);
    }
    scored.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]); });
    var hits = scored.map(function (x) { return x[2]; });
    searchStatus.textContent = hits.length ? hits.length + " found" : "nothing found";
    hits.slice(0, 50).forEach(function (k) {
      var li = el("li", clip(meta[k].label.replace(/\n/g, " "), 70) + " (" + typeLabel(meta[k].type) + ")");
      li.tabIndex = 0;
      li.dataset.node = String(k);
      li.addEventListener("click", focusNode.bind(null, k));
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { focusNode(k); } });
      results.appendChild(li);
    });
    if (hits.length) { focusNode(hits[0]); }
    state.lastSearch = hits;
    return hits;
  }
  state.search = search;
  var pending = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { search(searchBox.value); }, 200);
  });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(pending); search(searchBox.value); }
  });

  // -- the network ----------------------------------------------------------------------------
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: [], edges: [] }, data.options);
  state.network = network;

  function markStill() {
    if (state.still) { return; }
    state.still = true;
    state.stillAt = performance.now();
    performance.mark("explorer:still");
    document.body.dataset.state = "still";
    document.dispatchEvent(new CustomEvent("explorer-still"));
  }
  if (data.mode === "settle") {
    // Stabilise off-screen, then let gentle physics finish the job; stop it after a while at
    // the latest, so the page is still. Dragging a node wakes physics up again.
    network.on("stabilized", markStill);
    network.once("stabilizationIterationsDone", function () {
      setTimeout(function () { if (!state.still) { network.stopSimulation(); markStill(); } }, data.settleMs);
    });
  } else {
    network.once("afterDrawing", markStill);
  }
  if (lazyLabels) {
    var nodeLabelled = new Uint8Array(meta.length);
    var edgeLabelled = new Uint8Array(edgeMeta.length);
    var labelTimer = null;
    var labelInView = function () {
      var scale = network.getScale();
      if (scale < data.labelScale.nodes) { return; }
      var w = container.clientWidth, h = container.clientHeight, margin = 100;
      var a = network.DOMtoCanvas({ x: -margin, y: -margin });
      var b = network.DOMtoCanvas({ x: w + margin, y: h + margin });
      var pos = network.getPositions();
      var inView = function (id) { var p = pos[id]; return p && p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y; };
      var nodeUpdates = [], edgeUpdates = [];
      for (var k = 0; k < meta.length; k++) {
        if (!nodeLabelled[k] && inView(k)) { nodeLabelled[k] = 1; nodeUpdates.push({ id: k, label: meta[k].label }); }
      }
      if (scale >= data.labelScale.edges) {
        for (var q = 0; q < visEdges.length; q++) {
          if (!edgeLabelled[q] && (inView(visEdges[q].from) || inView(visEdges[q].to))) {
            edgeLabelled[q] = 1;
            edgeUpdates.push({ id: q, label: edgeMeta[q].type });
          }
        }
      }
      if (nodeUpdates.length) { nodes.update(nodeUpdates); }
      if (edgeUpdates.length) { edges.update(edgeUpdates); }
    };
    network.on("afterDrawing", function () {
      clearTimeout(labelTimer);
      labelTimer = setTimeout(labelInView, 120);
    });
    state.labelInView = labelInView;
  }
  network.on("hoverNode", function (p) { showTooltip(tooltipFor(p.node), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("hoverEdge", function (p) { showTooltip(edgeTooltipFor(p.edge), p.pointer.DOM); });
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("selectNode", function (p) { if (p.nodes.length) { showDetails(p.nodes[0]); } });
  network.on("deselectNode", function () { details.hidden = true; });

  performance.mark("explorer:setData");
  network.setData({ nodes: nodes, edges: edges });
  performance.mark("explorer:ready");
  if (!data.nodes.length) { markStill(); }  // nothing to stabilise or draw
  state.ready = true;
  state.readyAt = performance.now();
  document.body.dataset.state = state.still ? "still" : "ready";
}());
