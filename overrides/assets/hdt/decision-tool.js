/* Headshot decision tool. Classic script, no dependencies: every word, and each answer set's result
   as generator/decision/engine.py (Engine) decided it, come from <script id="hdt-data">; answers and the
   reader's own numbers live in the URL query (with the version of the questions they answer). It
   computes only the costs of the reader's own numbers (as Engine.cost) and their chart. */
(function () {
  "use strict";
  if (window.hdtEngine) { window.hdtEngine.init(); return; } // re-run by instant navigation

  var current = null; // the tool on the page now

  function find(list, id) { return list.filter(function (x) { return x.id === id; })[0]; }

  function fill(text, values) {
    return text.replace(/\{([\w-]+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  function option(data, q, a) { return find(find(data.questions, q).options, a); }

  /* One column of data.answers for a complete set of answers (see generator/render/lookup.py): answer sets
     are numbered in mixed radix over the questions' option order, the first question most
     significant; the column gives each `width` base-64 digits (data.answers.digits), the index of its
     value in `values`. */
  function look(data, column, answers) {
    var c = data.answers[column], n = 0, v = 0, i;
    data.questions.forEach(function (q) { n = n * q.options.length + q.options.indexOf(option(data, q.id, answers[q.id])); });
    for (i = n * c.width; i < (n + 1) * c.width; i++) v = v * 64 + data.answers.digits.indexOf(c.at.charAt(i));
    return c.values[v];
  }

  function has(n, k) { return Object.prototype.hasOwnProperty.call(n || {}, k); }
  function num(n, k, def) { return has(n, k) ? n[k] : def; }
  function pair(n, k1, k2, d) { var x = num(n, k1, d[0]), y = num(n, k2, d[1]); return x > y ? [y, x] : [x, y]; }

  /* Cost over the photo's life, as Engine.cost; n: the reader's numbers ({route}-low, -high, -soonest,
     -latest, -extras, months), months: instead of the photo's life (the cost chart). */
  function cost(data, o, answers, months, n) {
    months = months || num(n, "months", 0) || option(data, data.cost.horizon, answers[data.cost.horizon]).months || 1;
    var c = { outcome: o.id, parts: [], low: 0, high: 0, open: false };
    o.parts.forEach(function (id, i) {
      var p = data.prices[id], x = num(n, id + "-extras", 0), fee = data.cost.fees[id] || [0, 0];
      var price = pair(n, id + "-low", id + "-high", [p.min, p.max]), life = pair(n, id + "-soonest", id + "-latest", data.cost.life[id]);
      var times = i < o.parts.length - 1 ? [1, 1] : [Math.ceil(months / life[1]), Math.ceil(months / life[0])];
      c.parts.push({ option: id, times: times });
      c.low += times[0] * (price[0] + x * fee[0]);
      c.high += times[1] * (price[1] + x * fee[1]);
      c.open = c.open || (p.open && !has(n, id + "-low") && !has(n, id + "-high"));
    });
    return c;
  }

  /* The full result for one complete set of answers, as Engine.decide: looked up, costs computed.
     Reasons: the rule's, then each driving answer's ({reason, source}); what would change the
     result: each answer set one answer away whose route differs. */
  function evaluate(data, answers, n) {
    var route = look(data, "route", answers), flips = [];
    var reasons = look(data, "reasons", answers).map(function (q) { return option(data, q, answers[q]); });
    if (route[1]) reasons.unshift(find(data.rules, route[1]));
    data.questions.forEach(function (q) {
      q.options.forEach(function (o) {
        var changed = Object.assign({}, answers), to;
        changed[q.id] = o.id;
        to = look(data, "route", changed)[0];
        if (to !== route[0]) flips.push({ question: q.id, option: o.id, outcome: to });
      });
    });
    return {
      outcome: route[0], rule: route[1], reasons: reasons, flips: flips,
      advice: look(data, "advice", answers).map(function (i) { return data.advice[i]; }),
      costs: data.outcomes.map(function (o) { return cost(data, o, answers, 0, n); })
    };
  }

  /* A link's answers and numbers, mapped to today's questions by data.links (the changelog): a link of
     an earlier version leaves open what was added or changed since (asked, with the changes' note).
     Parameters the tool does not own are ignored; null when one it owns is unknown or repeated. */
  function parse(data, search) {
    var p = new URLSearchParams(search), a = {}, n = {}, bad = false, v = +p.get("v") || 0, asked = [], notes = [];
    p.forEach(function (value, name) {
      var spec = name.slice(0, 3) === "my-" && find(data.cost.inputs, name.slice(3));
      if (find(data.questions, name)) {
        if (has(a, name)) bad = true;
        a[name] = value;
      } else if (spec) {
        if (!/^\d+$/.test(value) || +value < spec.min || +value > spec.max || has(n, spec.id)) bad = true;
        n[spec.id] = +value;
      }
    });
    if (!Object.keys(a).length) v = data.version; // no answers: nothing to map
    if (!v) data.links.forEach(function (c) { // no version: made before links carried one
      if (c.added.some(function (q) { return has(a, q); })) v = c.version;
    });
    data.links.forEach(function (c) {
      if (c.version <= (v || 1)) return;
      notes.push(c.note);
      Object.keys(c.renamed).forEach(function (q) { if (has(c.renamed[q], a[q])) a[q] = c.renamed[q][a[q]]; });
      Object.keys(c.ask_again).forEach(function (q) { if (c.ask_again[q].indexOf(a[q]) >= 0) { delete a[q]; asked.push(q); } });
      c.added.forEach(function (q) { if (!has(a, q)) asked.push(q); });
    });
    Object.keys(a).forEach(function (q) { if (!find(find(data.questions, q).options, a[q])) bad = true; });
    asked = data.questions.filter(function (q) { return asked.indexOf(q.id) >= 0 && !has(a, q.id); });
    return bad ? null : { answers: a, numbers: n, asked: asked, note: notes.join(" ") };
  }

  function def(data, spec, a) { // a number's default: from the data, or (months) the lifespan answer
    var o = spec.id === "months" && a[data.cost.horizon] && option(data, data.cost.horizon, a[data.cost.horizon]);
    return o ? o.months : spec.def;
  }

  function query(data, a, n) {
    var s = data.questions.filter(function (q) { return a[q.id]; }).map(function (q) {
      return encodeURIComponent(q.id) + "=" + encodeURIComponent(a[q.id]);
    }).concat(data.cost.inputs.filter(function (i) { return has(n, i.id) && n[i.id] !== def(data, i, a); }).map(function (i) {
      return "my-" + i.id + "=" + n[i.id];
    }));
    return s.length ? "?v=" + data.version + "&" + s.join("&") : "";
  }

  function el(tag, attrs, kids) {
    var n = document.createElement(tag), k;
    for (k in attrs || {}) n.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (kid) { if (kid != null) n.append(kid); }); // strings become text nodes
    return n;
  }

  function money(data, low, high, open) {
    var c = data.currency, f = function (n) { return n.toLocaleString("en-US"); };
    return c + f(low) + (low === high ? "" : "–" + c + f(high)) + (open ? "+" : "");
  }

  /* ---- Cost chart: the drawing generator/render/charts.py makes for the comparison page, for these answers ---- */
  var CW = 480, CH = 270, CL = 56, CR = 14, CT = 52, CB = 40;

  function fmt(data, n) { return data.currency + n.toLocaleString("en-US"); }

  function series(data, months, mine, n) { // every single route, and the recommended plan
    return data.outcomes.filter(function (o) { return o.parts.length === 1 || o.id === mine; }).map(function (o) {
      var v = [], m;
      for (m = 1; m <= months; m++) v.push(cost(data, o, null, m, n));
      return { id: o.id, label: o.label, v: v };
    });
  }

  function crossover(cheap, other) { // first month from which `cheap` costs no more at both ends, to the end
    var first = null;
    cheap.v.forEach(function (c, i) {
      var o = other.v[i];
      first = c.low <= o.low && c.high <= o.high ? first || i + 1 : null;
    });
    return first;
  }

  function sv(tag, attrs, kids) {
    var n = document.createElementNS("http://www.w3.org/2000/svg", tag), k;
    for (k in attrs) n.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (kid) { n.append(kid); });
    return n;
  }

  function chart(data, answers, mine, n) { // mine: the recommended outcome, drawn heavier; n: the reader's numbers
    var L = data.labels, months = 1, step = 1e9, k, top, s, cross, body, ticks = [], rows, x, y, ss;
    var mark = num(n, "months", 0) || option(data, data.cost.horizon, answers[data.cost.horizon]).months || 1;
    find(data.questions, data.cost.horizon).options.forEach(function (o) { months = Math.max(months, o.months || 1); });
    months = Math.max(months, mark);
    for (k in data.cost.life) step = Math.min(step, pair(n, k + "-soonest", k + "-latest", data.cost.life[k])[0]);
    ss = series(data, months, mine, n);
    cross = crossover(find(ss, data.positive), find(ss, data.negative));
    top = 0;
    ss.forEach(function (s) { s.v.forEach(function (c) { top = Math.max(top, c.high); }); });
    var raw = Math.max(top, 1) / 4, pow = Math.pow(10, Math.floor(Math.log10(raw)));
    s = [1, 2, 5, 10].map(function (f) { return f * pow; }).filter(function (v) { return v >= raw; })[0];
    top = s * Math.ceil(top / s);
    x = function (m) { return (CL + (CW - CL - CR) * m / months).toFixed(1); };
    y = function (v) { return (CH - CB - (CH - CT - CB) * v / top).toFixed(1); };
    [1, months].forEach(function (m) { ticks.push(m); });
    for (k = step; k <= months; k += step) ticks.push(k);
    ticks = ticks.filter(function (m, i) { return ticks.indexOf(m) === i; }).sort(function (a, b) { return a - b; });
    rows = ticks.concat([cross, mark]).filter(function (m, i, all) { return m && all.indexOf(m) === i; })
      .sort(function (a, b) { return a - b; });
    function steps(vals) {
      var p = [x(0) + "," + y(vals[0])], m;
      for (m = 2; m <= months; m++) {
        if (vals[m - 1] !== vals[m - 2]) p.push(x(m) + "," + y(vals[m - 2]), x(m) + "," + y(vals[m - 1]));
      }
      p.push(x(months) + "," + y(vals[months - 1]));
      return p;
    }
    function markAt(m, text, row) {
      var end = m > months / 2;
      return sv("g", { class: "hdt-mark" }, [
        sv("line", { x1: x(m), x2: x(m), y1: 34 + 14 * row, y2: CH - CB }),
        sv("text", { x: (+x(m) + (end ? -4 : 4)).toFixed(1), y: 30 + 14 * row, "text-anchor": end ? "end" : "start" }, [text])
      ]);
    }
    var title = fill(L["chart-title"], { months: months }), kids = [
      sv("title", { id: "hdt-tc-title" }, [title]), sv("desc", { id: "hdt-tc-desc" }, [L["chart-desc"]])
    ];
    for (k = 0; k <= top; k += s) {
      kids.push(sv("line", { class: "hdt-grid", x1: CL, x2: CW - CR, y1: y(k), y2: y(k) }),
        sv("text", { x: CL - 6, y: (+y(k) + 4).toFixed(1), "text-anchor": "end" }, [fmt(data, k)]));
    }
    ticks.forEach(function (m) { kids.push(sv("text", { x: x(m), y: CH - CB + 16, "text-anchor": "middle" }, [String(m)])); });
    kids.push(sv("text", { x: CL, y: 14 }, [L["chart-cost"]]),
      sv("text", { x: CW - CR, y: CH - 4, "text-anchor": "end" }, [L["chart-months"]]));
    ss.forEach(function (s, i) {
      var lo = steps(s.v.map(function (c) { return c.low; })), hi = steps(s.v.map(function (c) { return c.high; }));
      kids.push(sv("g", { class: "hdt-s" + i + (s.id === mine ? " hdt-on" : "") }, [
        sv("polygon", { class: "hdt-band", points: hi.concat(lo.reverse()).join(" ") }),
        sv("polyline", { points: lo.reverse().join(" ") }), sv("polyline", { points: hi.join(" ") })
      ]));
    });
    if (cross) kids.push(markAt(cross, fill(L["chart-cross-mark"], { month: cross }), 1));
    kids.push(markAt(mark, fill(L["chart-yours"], { months: mark }), 0));
    body = el("tbody", {}, rows.map(function (m) {
      return el("tr", {}, [el("th", { scope: "row" }, [String(m)])].concat(ss.map(function (s) {
        var c = s.v[m - 1];
        return el("td", {}, [money(data, c.low, c.high, c.open)]);
      })));
    }));
    return el("figure", { class: "hdt-chart", id: "hdt-tc" }, [
      el("figcaption", {}, [title]),
      el("ul", { class: "hdt-legend" }, ss.map(function (s, i) {
        return el("li", {}, [el("span", { class: "hdt-key hdt-s" + i }), s.label,
          s.id === mine ? el("span", { class: "hdt-badge" }, [L.recommended]) : null]);
      })),
      sv("svg", { class: "hdt-chart-svg", viewBox: "0 0 " + CW + " " + CH, role: "img", "aria-labelledby": "hdt-tc-title hdt-tc-desc" }, kids),
      el("p", { class: "hdt-chart-note" }, [cross ? fill(L["chart-crossover"], { month: cross }) : fill(L["chart-no-crossover"], { months: months })]),
      el("div", { class: "hdt-sr" }, [el("table", { class: "hdt-chart-table" }, [el("caption", {}, [title]),
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col" }, [L["chart-month"]])].concat(ss.map(function (s) {
          return el("th", { scope: "col" }, [s.label]);
        })))]), body])])
    ]);
  }

  /* ---- On the embed page (data.embed: {tool: the tool page's address}), inside another site's frame:
     links open the guide in a new tab, those to the tool page with the answers (the copy link too),
     and answers replace the history entry rather than add one (the host page's Back button). ---- */
  function embedded(data, answers) {
    var tool = new URL(data.embed.tool, location.href), share = document.getElementById("hdt-share");
    tool.search = query(data, answers);
    [].forEach.call(document.querySelectorAll("a[href]:not([href^='#'])"), function (link) {
      link.target = "_blank";
      link.rel = "noopener";
      if (link.pathname === tool.pathname) link.search = tool.search;
    });
    if (share) share.value = tool.href;
  }

  function Tool(root, data) {
    var form = root.querySelector("form"), L = data.labels, shown = null, nums = {}, answered = {}, timer = 0;
    var $ = function (id) { return document.getElementById(id); };
    var notice = $("hdt-notice"), missing = $("hdt-missing"), result = $("hdt-result"), live = $("hdt-live");
    var radios = [].slice.call(form.querySelectorAll("input[type=radio]"));

    function read() {
      var a = {};
      radios.forEach(function (r) { if (r.checked) a[r.name] = r.value; });
      return a;
    }
    function write(a) { radios.forEach(function (r) { r.checked = a[r.name] === r.value; }); }
    function open(a) { return data.questions.filter(function (q) { return !a[q.id]; }); }
    function here() { return location.pathname + location.search + location.hash; }
    function go(a, replace) {
      var url = location.pathname + query(data, a, nums) + location.hash;
      if (url === here()) return;
      try { history[replace || data.embed ? "replaceState" : "pushState"](null, "", url); } catch (e) { /* file:// may refuse */ }
    }
    function say(text) { live.textContent = text; }

    function label(id) { return find(data.outcomes, id).label; }

    function section(title, kids) { return [el("h3", {}, [title])].concat(kids); }

    function cite(source) { // " (Source: Title)" with a link to the sources list, or nothing
      if (!source) return [];
      return [" ", el("a", { class: "hdt-cite", href: source.href }, [fill(L["reason-source"], { source: source.title })])];
    }

    function rows(r) {
      return r.costs.map(function (c) {
        var o = find(data.outcomes, c.outcome), mine = c.outcome === r.outcome;
        var parts = c.parts.map(function (p) {
          var price = data.prices[p.option], times = p.times[0] + (p.times[1] > p.times[0] ? "–" + p.times[1] : "");
          var each = pair(nums, p.option + "-low", p.option + "-high", [price.min, price.max]);
          var range = money(data, each[0], each[1], price.open && !has(nums, p.option + "-low") && !has(nums, p.option + "-high"));
          return price.label + " " + (price.max ? fill(L["cost-times"], { times: times, range: range }) : L.free);
        }).join(" + ");
        return el("tr", mine ? { class: "hdt-mine" } : {}, [
          el("th", { scope: "row" }, [o.label].concat(mine ? [" ", el("span", { class: "hdt-badge" }, [L.recommended])] : [])),
          el("td", {}, [el("strong", {}, [money(data, c.low, c.high, c.open)]), el("small", {}, [parts])])
        ]);
      });
    }

    function costs(r) {
      var head = el("tr", {}, [el("th", { scope: "col" }, [L["cost-option"]]), el("th", { scope: "col" }, [L["cost-range"]])]);
      var table = el("table", { class: "hdt-costs", "aria-labelledby": "hdt-cost-heading" }, [
        el("thead", {}, [head]), el("tbody", { id: "hdt-cost-rows" }, rows(r))
      ]);
      return el("div", { class: "hdt-scroll" }, [table]);
    }

    /* ---- "Your numbers": a range and a number input for each value, its default and source, resets ---- */
    function numbers(a) {
      var groups = {}, box = el("details", { class: "hdt-numbers", id: "hdt-numbers" }, [
        el("summary", {}, [L["numbers-heading"]]), el("p", {}, [L["numbers-intro"]])
      ]);
      data.cost.inputs.forEach(function (spec) {
        var route = spec.id === "months" ? "" : spec.id.replace(/-[a-z]+$/, ""), g = groups[route];
        if (!g) {
          g = groups[route] = el("fieldset", { class: "hdt-q" }, [route ? el("legend", {}, [data.prices[route].label]) : null]);
          box.append(g);
        }
        g.append(field(spec, a));
      });
      box.append(el("p", {}, [button(L["numbers-reset"], null, function () { nums = {}; changed(a, true); })]));
      return box;
    }

    function button(text, name, act) {
      var b = el("button", name ? { type: "button", class: "md-button hdt-reset", "aria-label": name } : { type: "button", class: "md-button" }, [text]);
      b.addEventListener("click", act);
      return b;
    }

    function field(spec, a) {
      var id = "hdt-n-" + spec.id, v = num(nums, spec.id, def(data, spec, a)), name = spec.label + " (" + spec.unit + ")";
      var attrs = function (type) {
        return { type: type, min: spec.min, max: spec.max, step: 1, value: v, "data-n": spec.id, "aria-describedby": id + "-d" };
      };
      var range = el("input", Object.assign(attrs("range"), { "aria-label": name })), box = el("input", Object.assign(attrs("number"), { id: id, inputmode: "numeric" }));
      var dflt = el("small", { id: id + "-d" }, [fill(L["number-default"], { value: def(data, spec, a) + " " + spec.unit, basis: spec.basis })]);
      function set(x, from) {
        x = Math.min(spec.max, Math.max(spec.min, Math.round(x)));
        if (isNaN(x)) return;
        if (from !== range) range.value = x;
        if (from !== box) box.value = x;
        if (x === def(data, spec, a)) delete nums[spec.id]; else nums[spec.id] = x;
        changed(a);
      }
      [range, box].forEach(function (input) {
        input.addEventListener("input", function () { if (input.value !== "") set(+input.value, input); });
        input.addEventListener("keydown", function (ev) { // a tenth of the range: Page Up/Down, or Shift with an arrow
          var dir = { PageUp: 1, PageDown: -1, ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1 }[ev.key];
          if (!dir || (/Arrow/.test(ev.key) && !ev.shiftKey)) return;
          ev.preventDefault();
          set(+input.value + dir * Math.max(1, Math.round((spec.max - spec.min) / 10)));
        });
      });
      return el("div", { class: "hdt-n" }, [el("label", { for: id }, [name]), range, box,
        button(L["number-reset-short"], fill(L["number-reset"], { name: spec.label }), function () { set(def(data, spec, a)); }), dflt]);
    }

    function changed(a, all) { // the reader's numbers moved: costs, chart and link follow; one announcement
      var r = evaluate(data, a, nums), mine;
      if (all) [].forEach.call(result.querySelectorAll("[data-n]"), function (i) {
        i.value = num(nums, i.getAttribute("data-n"), def(data, find(data.cost.inputs, i.getAttribute("data-n")), a));
      });
      $("hdt-cost-rows").replaceChildren.apply($("hdt-cost-rows"), rows(r));
      $("hdt-tc").replaceWith(chart(data, a, r.outcome, nums));
      go(a, true);
      if (result.querySelector("#hdt-share")) $("hdt-share").value = location.href;
      mine = r.costs.filter(function (c) { return c.outcome === r.outcome; })[0];
      clearTimeout(timer);
      timer = setTimeout(function () {
        say(fill(L["numbers-changed"], { outcome: label(r.outcome), cost: money(data, mine.low, mine.high, mine.open) }));
      }, 700);
    }

    function share() {
      var input = el("input", { id: "hdt-share", type: "text", readonly: "", value: location.href });
      var status = el("span", { role: "status", class: "hdt-copied" });
      var button = el("button", { type: "button", class: "md-button" }, [L.copy]);
      function done() { status.textContent = L.copied; }
      function fallback() {
        input.select();
        try { if (document.execCommand("copy")) done(); } catch (e) { /* the text stays selected to copy by hand */ }
      }
      button.addEventListener("click", function () {
        status.textContent = "";
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(input.value).then(done, fallback);
        } else fallback();
      });
      return el("p", { class: "hdt-share" }, [el("label", { for: "hdt-share" }, [L.share]), input, button, status]);
    }

    function card(a) {
      var r = evaluate(data, a, nums), o = find(data.outcomes, r.outcome), sub, opened = $("hdt-numbers") && $("hdt-numbers").open;
      var flips = r.flips.map(function (f) {
        var q = find(data.questions, f.question);
        var option = find(q.options, f.option).label;
        return el("li", {}, [fill(L.flip, { question: q.short, option: option, outcome: label(f.outcome) })]);
      });
      sub = [
        el("h2", { id: "hdt-result-heading", tabindex: "-1" }, [L["result-heading"]]),
        el("p", { class: "hdt-outcome" }, [o.label]),
        el("p", { class: "hdt-picture" }, [fill(L["picture-line"], { picture: o.picture.map(function (k) { return data.pictures[k]; }).join(" + ") })]),
        el("p", {}, [o.summary])
      ].concat(
        section(L.why, [el("ol", {}, r.reasons.map(function (x) { return el("li", {}, [x.reason].concat(cite(x.source))); }))]),
        r.advice.length ? section(L["advice-heading"], r.advice.map(function (a) {
          return el("div", { class: "hdt-advice" }, [el("h4", {}, [a.heading]), el("p", {}, [a.text].concat(
            [].concat.apply([], a.sources.map(cite))))]);
        })) : [],
        section(L.change, [flips.length ? el("ul", {}, flips) : el("p", {}, [L["no-change"]])]),
        [el("h3", { id: "hdt-cost-heading" }, [L["cost-heading"]]), costs(r), numbers(a), chart(data, a, r.outcome, nums)],
        [el("p", { class: "hdt-note" }, [data.cost.note]), el("ul", { class: "hdt-note hdt-assume" }, data.cost.assumptions.map(function (t) {
          return el("li", {}, [t]);
        }))],
        section(L.next, [el("ul", {}, o.next.map(function (n) {
          return el("li", {}, [el("a", { href: n.href }, [n.text])]);
        }))]),
        [share()]
      );
      result.replaceChildren.apply(result, sub);
      $("hdt-numbers").open = !!opened;
      return r;
    }

    function flag(todo) { // after an incomplete submit, each open question says so in its legend
      data.questions.forEach(function (q) {
        var legend = form.querySelector("#hdt-q-" + q.id + " legend"), f = legend.querySelector(".hdt-flag");
        var want = !missing.hidden && todo.indexOf(q) >= 0;
        if (want && !f) legend.append(el("span", { class: "hdt-flag" }, [" ", el("strong", {}, [L.unanswered])]));
        if (!want && f) f.remove();
      });
    }

    function render(a) {
      var todo = open(a), r;
      if (!missing.hidden) {
        missing.hidden = !todo.length;
        missing.textContent = fill(L.incomplete, { missing: todo.map(function (q) { return q.short; }).join(", ") });
      }
      flag(todo);
      if (todo.length) { result.hidden = true; result.replaceChildren(); shown = null; } else {
        r = card(a);
        result.hidden = false;
        if (shown !== r.outcome) say(L["result-heading"] + ": " + label(r.outcome));
        shown = r.outcome;
      }
      if (data.embed) embedded(data, a);
    }

    function sync() { // from the URL: load, shared link, back/forward
      var s = parse(data, location.search), a = s ? s.answers : {};
      nums = s ? s.numbers : {};
      notice.hidden = !!s && !s.asked.length;
      if (!s) { notice.textContent = L.stale; go(a, true); } else if (s.asked.length) {
        notice.textContent = fill(L.migrated, { note: s.note, questions: s.asked.map(function (q) { return q.short; }).join(", ") });
        go(a, true); // the link now carries today's version
      }
      missing.hidden = !s || !s.asked.length;
      write(a);
      render(a);
    }

    form.addEventListener("change", function () {
      var a = read();
      notice.hidden = true;
      go(a);
      render(a);
    });
    form.addEventListener("submit", function (ev) {
      var a = read(), todo = open(a);
      ev.preventDefault();
      if (todo.length) {
        missing.hidden = false;
        render(a);
        say(missing.textContent);
        form.querySelector("#hdt-q-" + todo[0].id + " input").focus();
        return;
      }
      render(a);
      say(L["result-heading"] + ": " + label(shown));
      $("hdt-result-heading").focus();
    });
    form.addEventListener("reset", function (ev) {
      ev.preventDefault();
      notice.hidden = missing.hidden = true;
      nums = {};
      write({});
      go({});
      render({});
    });

    this.root = root;
    this.sync = sync;
    // The form shows from the first paint: answers picked before this script ran are kept.
    var early = read();
    if (Object.keys(early).length && !location.search) go(early, true);
    sync();
    if (location.hash === "#" + result.id && !result.hidden) result.scrollIntoView();
  }

  function init() {
    var root = document.getElementById("hdt-tool"), src = document.getElementById("hdt-data"), data;
    if (!root || !src || root.hasAttribute("data-hdt-ready")) return;
    try { data = JSON.parse(src.textContent); } catch (e) { return; }
    root.setAttribute("data-hdt-ready", "");
    current = new Tool(root, data);
  }

  window.hdtEngine = { evaluate: evaluate, cost: cost, parse: parse, init: init };
  window.addEventListener("popstate", function () { if (current && current.root.isConnected) current.sync(); });
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
