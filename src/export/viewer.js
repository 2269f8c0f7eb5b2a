// ergraph viewer: draws the graph embedded in #graph-data. Written for this
// page, no libraries. Every string from the data reaches the page through
// textContent or createTextNode, never through HTML parsing.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var svg = document.getElementById("canvas");
  var info = document.getElementById("info");
  var colour = {};
  data.types.forEach(function (t) { colour[t.name] = t.colour; });

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(name, text, parent, cls) {
    var e = document.createElement(name);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  // Drawing: edges under nodes, one <g> per element.
  var defs = el("defs", {}, svg);
  var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, defs);
  el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#b03a2e" }, marker);
  var view = el("g", { id: "viewport" }, svg);
  var edgeLayer = el("g", { "class": "edges" }, view);
  var nodeLayer = el("g", { "class": "nodes" }, view);
  var maxMentions = 1, maxWeight = 1;
  data.nodes.forEach(function (n) { maxMentions = Math.max(maxMentions, n.mentions); });
  data.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.weight); });
  data.nodes.forEach(function (n) {
    n.r = 5 + 11 * Math.sqrt(n.mentions / maxMentions);
    n.edges = [];
    n.search = [n.label].concat(n.aliases, [n.id]).join("\u0000").toLowerCase();
  });

  var pairCount = {};
  data.edges.forEach(function (e, i) {
    var a = data.nodes[e.source], b = data.nodes[e.target];
    a.edges.push(i); b.edges.push(i);
    var key = Math.min(e.source, e.target) + "," + Math.max(e.source, e.target);
    var nth = pairCount[key] = (pairCount[key] || 0) + 1;
    var g = el("g", { "class": "edge " + (e.kind === "relation" ? "relation" : "co-mention") }, edgeLayer);
    var d = edgePath(a, b, nth - 1);
    var width = 1 + 3 * Math.log(e.weight) / Math.log(maxWeight + 1);
    var line = el("path", { d: d, "class": "line", "stroke-width": width.toFixed(2) }, g);
    if (e.kind === "relation") line.setAttribute("marker-end", "url(#arrow)");
    el("path", { d: d, "class": "hit" }, g);
    var tip = el("title", {}, g);
    tip.textContent = a.label + " — " + b.label + " (" + (e.relation || e.kind) + ", weight " + e.weight + ")";
    if (e.relation) {
      var t = el("text", { x: ((a.x + b.x) / 2).toFixed(1), y: ((a.y + b.y) / 2 - 3).toFixed(1), "class": "elabel", "text-anchor": "middle" }, g);
      t.textContent = e.relation;
    }
    g.addEventListener("click", function (ev) { ev.stopPropagation(); showEdge(i); });
    e.g = g;
  });

  // A straight line for the first edge of a pair, arcs for the others, so
  // a co-mention and a stated relation between the same two stay apart.
  function edgePath(a, b, nth) {
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / len, uy = dy / len;
    var x1 = a.x + ux * a.r, y1 = a.y + uy * a.r, x2 = b.x - ux * b.r, y2 = b.y - uy * b.r;
    if (nth === 0) return "M" + x1.toFixed(1) + "," + y1.toFixed(1) + " L" + x2.toFixed(1) + "," + y2.toFixed(1);
    var bend = 18 * Math.ceil(nth / 2) * (nth % 2 ? 1 : -1);
    var cx = (x1 + x2) / 2 - uy * bend, cy = (y1 + y2) / 2 + ux * bend;
    return "M" + x1.toFixed(1) + "," + y1.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " + x2.toFixed(1) + "," + y2.toFixed(1);
  }

  data.nodes.forEach(function (n, i) {
    var g = el("g", { "class": "node", transform: "translate(" + n.x + "," + n.y + ")" }, nodeLayer);
    g.dataset.id = n.id;
    el("circle", { r: n.r.toFixed(1), fill: colour[n.type] || "#999" }, g);
    var label = el("text", { x: (n.r + 3).toFixed(1), y: "4" }, g);
    label.textContent = n.label;
    var tip = el("title", {}, g);
    tip.textContent = n.label + " (" + n.type + ", " + n.mentions + " mentions)";
    g.addEventListener("mouseenter", function () { focus(i); });
    g.addEventListener("mouseleave", function () { focus(-1); });
    g.addEventListener("click", function (ev) { ev.stopPropagation(); showNode(i); });
    n.g = g;
  });

  function focus(i) {
    svg.classList.toggle("focus", i >= 0);
    data.nodes.forEach(function (n) { n.g.classList.remove("hl"); });
    data.edges.forEach(function (e) { e.g.classList.remove("hl"); });
    if (i < 0) return;
    var n = data.nodes[i];
    n.g.classList.add("hl");
    n.edges.forEach(function (k) {
      var e = data.edges[k];
      e.g.classList.add("hl");
      data.nodes[e.source].g.classList.add("hl");
      data.nodes[e.target].g.classList.add("hl");
    });
  }

  // Details panel.
  function clearInfo(title) {
    while (info.firstChild) info.removeChild(info.firstChild);
    return html("h2", title, info);
  }
  function facts(pairs) {
    var dl = html("dl", null, info);
    pairs.forEach(function (p) { html("dt", p[0], dl); html("dd", p[1], dl); });
  }
  function showNode(i) {
    var n = data.nodes[i];
    clearInfo(n.label);
    facts([["id", n.id], ["type", n.type], ["mentions", n.mentions], ["documents", n.documents], ["aliases", n.aliases.join(", ")]]);
    html("h3", "Links", info);
    var ul = html("ul", null, info);
    n.edges.forEach(function (k) {
      var e = data.edges[k], other = data.nodes[e.source === i ? e.target : e.source];
      var li = html("li", null, ul);
      var a = html("a", other.label, li);
      a.href = "#";
      a.addEventListener("click", function (ev) { ev.preventDefault(); showEdge(k); });
      li.appendChild(document.createTextNode(" — " + (e.relation || e.kind) + ", weight " + e.weight));
    });
  }
  function showEdge(k) {
    var e = data.edges[k], a = data.nodes[e.source], b = data.nodes[e.target];
    data.edges.forEach(function (x) { x.g.classList.remove("selected"); });
    e.g.classList.add("selected");
    clearInfo(a.label + (e.kind === "relation" ? " → " : " — ") + b.label);
    var rows = [["kind", e.kind], ["weight", e.weight]];
    if (e.relation) rows.push(["relation", e.relation]);
    if (e.category) rows.push(["category", e.category]);
    facts(rows);
    html("h3", "Evidence", info);
    if (!e.evidence.length) {
      html("p", e.kind === "co-mention" ? "Named together in " + e.weight + " sentence window(s); co-mentions keep no sentences." : "No sentences stored.", info, "hint");
      return;
    }
    var ol = html("ol", null, info);
    e.evidence.forEach(function (ev) {
      var li = html("li", null, ol);
      html("span", ev[0], li, "doc");
      li.appendChild(document.createTextNode(ev[1]));
    });
  }

  // Filters: types (legend checkboxes), minimum weight, search.
  var shownTypes = {};
  var legend = document.getElementById("legend");
  data.types.forEach(function (t) {
    shownTypes[t.name] = true;
    var label = html("label", null, legend);
    var box = html("input", null, label);
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { shownTypes[t.name] = box.checked; applyFilters(); });
    var sw = html("span", null, label, "swatch");
    sw.style.background = t.colour;
    label.appendChild(document.createTextNode(t.name + " (" + t.count + ")"));
  });
  var slider = document.getElementById("min-weight");
  var sliderValue = document.getElementById("min-weight-value");
  slider.max = String(maxWeight);
  slider.addEventListener("input", function () { sliderValue.textContent = slider.value; applyFilters(); });
  var search = document.getElementById("search");
  search.addEventListener("input", applyFilters);
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var hit = data.nodes.filter(function (n) { return n.g.classList.contains("match"); })[0];
    if (hit) { centreOn(hit); showNode(data.nodes.indexOf(hit)); }
  });

  function applyFilters() {
    var min = Number(slider.value), q = search.value.trim().toLowerCase();
    var degree = data.nodes.map(function () { return 0; });
    data.edges.forEach(function (e) {
      var ok = e.weight >= min && shownTypes[data.nodes[e.source].type] && shownTypes[data.nodes[e.target].type];
      e.g.classList.toggle("hidden", !ok);
      if (ok) { degree[e.source]++; degree[e.target]++; }
    });
    var shown = 0;
    data.nodes.forEach(function (n, i) {
      var ok = shownTypes[n.type] && (min <= 1 || degree[i] > 0);
      n.g.classList.toggle("hidden", !ok);
      n.g.classList.toggle("match", q !== "" && n.search.indexOf(q) >= 0);
      if (ok) shown++;
    });
    document.getElementById("stats").textContent = shown + " of " + data.nodes.length + " entities";
  }

  // Pan and zoom: drag the background, wheel or pinch to zoom about the pointer.
  var tx = 0, ty = 0, scale = 1, drag = null;
  function apply() { view.setAttribute("transform", "translate(" + tx + "," + ty + ") scale(" + scale + ")"); }
  function fit() {
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600, pad = 40;
    var xs = data.nodes.map(function (n) { return n.x; }), ys = data.nodes.map(function (n) { return n.y; });
    if (!xs.length) return;
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    scale = Math.min((w - 2 * pad) / Math.max(x1 - x0 + 120, 1), (h - 2 * pad) / Math.max(y1 - y0, 1), 3);
    tx = (w - (x1 - x0) * scale) / 2 - x0 * scale - 40 * scale;
    ty = (h - (y1 - y0) * scale) / 2 - y0 * scale;
    apply();
  }
  function centreOn(n) {
    tx = (svg.clientWidth || 800) / 2 - n.x * scale;
    ty = (svg.clientHeight || 600) / 2 - n.y * scale;
    apply();
  }
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target !== svg && ev.target.closest(".node, .edge")) return;
    drag = { x: ev.clientX - tx, y: ev.clientY - ty };
    svg.classList.add("panning");
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    tx = ev.clientX - drag.x; ty = ev.clientY - drag.y; apply();
  });
  svg.addEventListener("pointerup", function () { drag = null; svg.classList.remove("panning"); });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect(), px = ev.clientX - r.left, py = ev.clientY - r.top;
    var f = Math.exp(-ev.deltaY * 0.0015), s = Math.min(Math.max(scale * f, 0.05), 20);
    tx = px - (px - tx) * (s / scale); ty = py - (py - ty) * (s / scale); scale = s; apply();
  }, { passive: false });
  svg.addEventListener("click", function () { data.edges.forEach(function (x) { x.g.classList.remove("selected"); }); });
  document.getElementById("fit").addEventListener("click", fit);
  window.addEventListener("resize", fit);

  // Deep links: #node=ID opens an entity, #edge=N the N-th link (0-based).
  function openFromHash() {
    var h = decodeURIComponent(location.hash.slice(1)), eq = h.indexOf("=");
    var what = h.slice(0, eq), value = h.slice(eq + 1);
    if (what === "node") {
      var i = data.nodes.findIndex(function (n) { return n.id === value; });
      if (i >= 0) { centreOn(data.nodes[i]); showNode(i); }
    } else if (what === "edge" && data.edges[Number(value)]) {
      showEdge(Number(value));
    }
  }
  window.addEventListener("hashchange", openFromHash);

  applyFilters();
  fit();
  openFromHash();
  document.body.dataset.nodes = String(data.nodes.length);
  document.body.dataset.edges = String(data.edges.length);
})();
