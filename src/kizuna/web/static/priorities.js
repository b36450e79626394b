// kizuna /priorities: the budget slider and the two number boxes re-ask /api/fund and redraw
// the allocation chart and table; "When is it funded?" asks /api/fund?enters=… . Without
// JavaScript both forms still work (they reload the page with the same query).
(function () {
  "use strict";
  var form = document.getElementById("fund-form");
  if (!form) { return; }
  var slider = document.getElementById("budget");
  var out = document.getElementById("budget-out");
  var problem = document.getElementById("fund-problem");
  var summary = document.getElementById("fund-summary");
  var enters = document.getElementById("enters-form");
  var answer = document.getElementById("enters-answer");
  var usd = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  var seq = 0, timer = null;

  function params(extra) {
    var q = new URLSearchParams();
    ["budget", "min_grant", "max_share"].forEach(function (k) {
      q.set(k, form.elements[k].value);
    });
    q.set("sensitivity", "false");
    Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
    return q;
  }

  function ask(q) {
    return fetch("/api/fund?" + q.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      });
  }

  // as kizuna.web.priorities_page.short: a name cut at a word, to fit an axis on a phone
  function short(name) {
    if (name.length <= 24) { return name; }
    var cut = name.slice(0, 23), space = cut.lastIndexOf(" ");
    return (space > 0 ? cut.slice(0, space) : cut).replace(/[,;:]+$/, "") + "…";
  }

  // as kizuna.web.priorities_page.binding_summary
  function bindingSummary(binding) {
    var groups = {}, order = [];
    binding.forEach(function (b) {
      var at = b.indexOf(":"), head = at < 0 ? b : b.slice(0, at);
      if (!(head in groups)) { groups[head] = 0; order.push(head); }
      if (at >= 0) { groups[head] += 1; }
    });
    return order.map(function (h) {
      var n = groups[h];
      return n ? h + " for " + n + " technolog" + (n === 1 ? "y" : "ies") : h;
    }).join(", ") || "none";
  }

  function cell(row, text, numeric) {
    var td = document.createElement("td");
    td.textContent = text;
    if (numeric) { td.className = "n"; }
    row.appendChild(td);
  }

  function showProblem(body) {
    var e = body && body.error;
    problem.textContent = e ? e.code + ": " + e.message : "the request failed";
    problem.hidden = false;
  }

  function redraw(fund) {
    var allocs = fund.allocations.slice().reverse();  // Plotly draws the first bar at the bottom
    var el = document.getElementById("plot-allocation");
    if (window.Plotly && el && el.data) {
      var trace = Object.assign({}, el.data[0], {
        y: allocs.map(function (a) { return short(fund.names[a.technology]); }),
        hovertext: allocs.map(function (a) { return fund.names[a.technology]; }),
        x: allocs.map(function (a) { return a.amount; }),
        text: allocs.map(function (a) { return Math.round(a.share * 100) + "%"; }),
        customdata: allocs.map(function (a) { return a.technology; })
      });
      var height = 10 + 70 + 26 * Math.max(allocs.length, 3);  // as allocation_chart
      el.style.height = height + "px";
      var layout = Object.assign({}, el.layout, { height: height });
      window.Plotly.react(el, [trace], layout).then(function () {
        el.setAttribute("data-budget", String(fund.budget));
      });
    }
    var body = document.querySelector("#allocation-table tbody");
    body.textContent = "";
    fund.allocations.forEach(function (a) {
      var tr = document.createElement("tr");
      cell(tr, fund.names[a.technology]);
      cell(tr, usd.format(a.amount), true);
      cell(tr, (a.share * 100).toFixed(1) + "%", true);
      cell(tr, fund.scores[a.technology].toFixed(3), true);
      cell(tr, a.marginal_value.toFixed(3), true);
      body.appendChild(tr);
    });
    var price = fund.shadow_prices.budget;
    summary.textContent = fund.allocations.length + " technologies funded · objective " +
      usd.format(fund.objective) + " · unspent $" + usd.format(fund.unspent) + " · binding: " +
      bindingSummary(fund.binding_constraints) + " · one more budget dollar is worth " +
      (price === null ? "–" : price.toFixed(3)) + " (" + fund.shadow_prices.method + ")";
    var csv = document.querySelector("#funding a.csv");
    if (csv) { csv.href = "/api/fund.csv?" + params().toString().replace(/&?sensitivity=false/, ""); }
  }

  function update() {
    var mine = ++seq;
    var q = params();
    ask(q).then(function (res) {
      if (mine !== seq) { return; }  // a newer request is on its way
      if (!res.ok) { showProblem(res.body); return; }
      problem.hidden = true;
      redraw(res.body);
      q.delete("sensitivity");
      window.history.replaceState(null, "", "/priorities?" + q.toString() + "#funding");
    }).catch(function () { if (mine === seq) { showProblem(null); } });
  }

  function later() {
    out.textContent = "$" + usd.format(Number(slider.value));
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 200);
  }

  slider.addEventListener("input", later);
  form.elements.min_grant.addEventListener("change", update);
  form.elements.max_share.addEventListener("change", update);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });

  if (enters && answer) {
    enters.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var tech = enters.elements.enters.value;
      var name = enters.elements.enters.selectedOptions[0].textContent;
      answer.textContent = "…";
      ask(params({ enters: tech })).then(function (res) {
        if (!res.ok) { answer.textContent = res.body.error.code + ": " + res.body.error.message; return; }
        var e = res.body.enters[0];
        answer.textContent = "";
        var b = document.createElement("b");
        b.textContent = name;
        answer.appendChild(b);
        answer.appendChild(document.createTextNode(e.enters_at === null ? ": " + e.reason :
          " is first funded at a budget of $" + usd.format(e.enters_at) +
          " (same minimum grant and maximum share; found by bisection, re-solving the allocation)."));
        answer.setAttribute("data-technology", tech);
      });
    });
  }
})();
