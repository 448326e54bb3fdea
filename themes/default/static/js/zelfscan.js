// handboek zelfscan: scores the answers on the self-scan page, ranks the
// dimensions and suggests where to start. Loaded only on that page.
//
// Everything stays in this browser: answers live in localStorage under the
// key the page names (data-storage-key), nothing is requested or sent, so it
// works from file:// too. Text from the page is only ever read and written
// with textContent, never as HTML.
(function () {
  "use strict";
  var root = document.getElementById("zelfscan");
  var form = document.getElementById("zs-form");
  if (!root || !form) return;

  var key = root.getAttribute("data-storage-key") || "handboek-zelfscan";
  var result = document.getElementById("zs-result");
  var ranking = document.getElementById("zs-ranking");
  var status = document.getElementById("zs-status");
  var teamCount = document.getElementById("zs-team-count");
  var answered = document.getElementById("zs-answered");
  var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-q]"));
  var ranks = Array.prototype.slice.call(ranking.querySelectorAll("li[data-dim]"));

  function t(name, values) {
    var s = root.getAttribute("data-t-" + name) || "";
    for (var k in values) s = s.split("{" + k + "}").join(String(values[k]));
    return s;
  }

  // state: answers of the current person (question → 0, 1 or 2), and the
  // sums of the people already added up in team mode.
  function empty() { return { v: 1, answers: {}, team: {}, people: 0 }; }
  var state = load();

  function valid(n) { return n === 0 || n === 1 || n === 2; }

  function load() {
    var s = empty();
    var raw = null;
    try { raw = window.localStorage.getItem(key); } catch (e) { /* storage disabled */ }
    if (!raw) return s;
    try {
      var data = JSON.parse(raw);
      if (data && data.v === 1) {
        for (var q in data.answers) if (valid(data.answers[q])) s.answers[q] = data.answers[q];
        for (var r in data.team) {
          var v = data.team[r];
          if (v && typeof v.sum === "number" && typeof v.n === "number") s.team[r] = { sum: v.sum, n: v.n };
        }
        if (typeof data.people === "number" && data.people > 0) s.people = Math.floor(data.people);
      }
    } catch (e) { /* a damaged entry is ignored */ }
    return s;
  }

  function hasAnswers() {
    for (var q in state.answers) return true;
    return false;
  }

  function save() {
    try {
      if (!hasAnswers() && state.people === 0) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(state));
    } catch (e) { /* storage disabled: the scan still works for this visit */ }
  }

  function showAnswers() {
    fieldsets.forEach(function (fs) {
      var a = state.answers[fs.getAttribute("data-q")];
      fs.querySelectorAll("input[type=radio]").forEach(function (input) {
        input.checked = a !== undefined && Number(input.value) === a;
      });
    });
  }

  // score returns, per dimension in page order, its points and maximum.
  function score() {
    var people = state.people + (hasAnswers() ? 1 : 0);
    var byDim = {};
    fieldsets.forEach(function (fs) {
      var q = fs.getAttribute("data-q");
      var dim = fs.getAttribute("data-dim");
      var d = byDim[dim] || (byDim[dim] = { points: 0, challenges: 0 });
      d.challenges++;
      if (state.answers[q] !== undefined) d.points += state.answers[q];
      if (state.team[q]) d.points += state.team[q].sum;
    });
    return ranks.map(function (li, i) {
      var d = byDim[li.getAttribute("data-dim")] || { points: 0, challenges: 0 };
      return { dim: li.getAttribute("data-dim"), li: li, order: i, points: d.points, max: 2 * d.challenges * Math.max(1, people) };
    });
  }

  // rank orders the dimensions by points (ties keep the card order) and
  // marks where to start: the top one, and the second when it is close
  // (at least three quarters of the top score).
  function rank() {
    var list = score().sort(function (a, b) { return b.points - a.points || a.order - b.order; });
    list.forEach(function (r, i) {
      r.startHere = r.points > 0 && (i === 0 || (i === 1 && r.points * 4 >= list[0].points * 3));
    });
    return list;
  }

  function update(message) {
    var list = rank();
    var any = hasAnswers() || state.people > 0;
    ranking.hidden = !any;
    var titles = [];
    list.forEach(function (r) {
      ranking.appendChild(r.li);
      r.li.classList.toggle("zs-start", r.startHere);
      r.li.querySelector(".zs-badge").hidden = !r.startHere;
      r.li.querySelector(".zs-score").textContent = t("score", { score: r.points, max: r.max });
      r.li.querySelector(".zs-bar-fill").style.width = (r.max ? Math.round(100 * r.points / r.max) : 0) + "%";
      if (r.startHere) titles.push(r.li.querySelector(".zs-rank-card").textContent.replace(/\s+/g, " ").trim());
    });
    var text = titles.length ? t("start", { titles: titles.join("; ") }) : t("empty");
    if (message) text = message + " " + text;
    status.textContent = text;
    // Say how many are answered: an open one counts as 0, which a reader
    // halfway through would otherwise take for a low score.
    var n = fieldsets.filter(function (fs) { return state.answers[fs.getAttribute("data-q")] !== undefined; }).length;
    if (answered) answered.textContent = t("answered", { n: n, total: fieldsets.length });
    teamCount.textContent = state.people === 0 ? "" : state.people === 1 ? t("person") : t("people", { n: state.people });
  }

  function csvCell(s) {
    s = String(s);
    // A cell starting with = + - @ is a formula to a spreadsheet.
    if (/^[=+\-@]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // csv returns the answers as CSV (RFC 4180): one row per challenge with
  // dimension, number, question and the answer given; in team mode also the
  // team's points and how many people answered.
  function csv() {
    var team = state.people > 0;
    var rows = [t("csv-header").split(",").concat(team ? t("csv-team").split(",") : [])];
    fieldsets.forEach(function (fs) {
      var q = fs.getAttribute("data-q");
      var checked = fs.querySelector("input[type=radio]:checked");
      var answer = checked ? checked.parentNode.textContent.trim() : "";
      var row = [fs.getAttribute("data-dim-title"), fs.getAttribute("data-number"), fs.querySelector("legend").textContent.trim(), answer];
      if (team) {
        var s = state.team[q] || { sum: 0, n: 0 };
        row.push(s.sum, s.n);
      }
      rows.push(row);
    });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function download() {
    // The byte order mark makes spreadsheet programs read the file as UTF-8.
    var blob = new Blob(["\ufeff" + csv()], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "zelfscan.csv";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function clear() {
    state = empty();
    save();
    showAnswers();
    update(t("cleared"));
  }

  function addTeam() {
    if (!hasAnswers()) return;
    for (var q in state.answers) {
      var s = state.team[q] || (state.team[q] = { sum: 0, n: 0 });
      s.sum += state.answers[q];
      s.n++;
    }
    state.people++;
    state.answers = {};
    save();
    showAnswers();
    update(t("added"));
  }

  form.addEventListener("change", function (e) {
    var input = e.target;
    var fs = input.closest("fieldset[data-q]");
    if (!fs || input.type !== "radio") return;
    state.answers[fs.getAttribute("data-q")] = Number(input.value);
    save();
    update();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("zs-csv").addEventListener("click", download);
  document.getElementById("zs-print").addEventListener("click", function () { window.print(); });
  document.getElementById("zs-clear").addEventListener("click", clear);
  document.getElementById("zs-team-add").addEventListener("click", addTeam);

  root.classList.add("zs-ready");
  result.hidden = false;
  showAnswers();
  update();

  // For tests and for anyone who wants the data without the download.
  window.handboekZelfscan = {
    csv: csv,
    ranking: function () {
      return rank().map(function (r) { return { dim: r.dim, points: r.points, max: r.max, startHere: r.startHere }; });
    },
    clear: clear,
    addTeam: addTeam
  };
})();
