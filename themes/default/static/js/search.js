// handboek search client: no dependencies, no requests but the site's own
// search/*.js files (inserted as <script>, so it works from file:// too).
// The analysis below mirrors internal/search (stem.go, analyze.go) line for
// line; a Go test runs both over one word table.
(function () {
  "use strict";
  var VOW = "aeiouyäáàâëéèêïíìîöóòôüúùû", AIOU = "aäáàâiïíìîoöóòôuüúùû", E = "eëéèê";
  function isV(r) { return VOW.indexOf(r) >= 0; }
  function isAIOU(r) { return AIOU.indexOf(r) >= 0; }
  function isE(r) { return E.indexOf(r) >= 0; }
  function isAEIOU(r) { return isAIOU(r) || isE(r); }
  function notV(r) { return !isV(r); }

  // chars is a literal's runes, made once: the stemmer compares suffixes
  // on every word, and a query's typos stem hundreds of words.
  var CHARS = {};
  function chars(str) { return CHARS[str] || (CHARS[str] = Array.from(str)); }

  // Snowball's Dutch (Kraaij-Pohlmann) algorithm; see stem.go.
  function stemNL(word) {
    var s = Array.from(word), c = 0, bra = 0, ket = 0, p1 = 0, p2 = 0;
    function eqB(str) {
      var rs = chars(str), n = rs.length;
      if (c < n) return false;
      for (var i = 0; i < n; i++) if (s[c - n + i] !== rs[i]) return false;
      c -= n; return true;
    }
    function inB(f) { if (c === 0 || !f(s[c - 1])) return false; c--; return true; }
    function outB(f) { if (c === 0 || f(s[c - 1])) return false; c--; return true; }
    function amongB(list) {
      var best = null;
      for (var i = 0; i < list.length; i++) {
        var n = chars(list[i]).length;
        if (best !== null && n <= chars(best).length) continue;
        var save = c;
        if (eqB(list[i])) best = list[i];
        c = save;
      }
      if (best !== null) c -= chars(best).length;
      return best;
    }
    function replace(b, k, str) {
      var rs = chars(str), adj = rs.length - (k - b);
      s = s.slice(0, b).concat(rs, s.slice(k));
      if (c >= k) c += adj; else if (c > b) c = b;
      return adj;
    }
    function sliceFrom(str) { replace(bra, ket, str); ket = bra + chars(str).length; }
    function del() { sliceFrom(""); }
    function insertAt(str) {
      var at = c, adj = replace(at, at, str);
      if (at <= bra) bra += adj;
      if (at <= ket) ket += adj;
    }
    function insertB(str) { var save = c; insertAt(str); c = save; }
    function attachB(str) { insertAt(str); }
    function tryF(f) { var save = c; if (f()) return true; c = save; return false; }
    function test(f) { var save = c, ok = f(); c = save; return ok; }
    function r1() { return p1 <= c; }
    function r2() { return p2 <= c; }
    function setBra() { bra = c; return true; }
    function vB() { return test(function () { return inB(isV) || eqB("ij"); }); }
    function vxB() { return test(function () { if (c === 0) return false; c--; return inB(isV) || eqB("ij"); }); }
    function cB() {
      return test(function () {
        if (test(function () { return eqB("ij"); })) return false;
        return outB(isV);
      });
    }
    function lengthenV() {
      var save = c;
      lengthen();
      c = save;
    }
    function lengthen() {
      if (!outB(function (r) { return isV(r) || r === "w" || r === "x"; })) return;
      ket = c;
      var m = amongB(["a", "ä", "á", "à", "â", "o", "ö", "ó", "ò", "ô", "u", "ü", "ú", "ù", "û", "e", "é", "è", "ê", "eë", "ië"]);
      if (m === null) return;
      bra = c;
      if (m === "eë") sliceFrom("eëe");
      else if (m === "ië") sliceFrom("iee");
      else if (isE(m)) {
        var ok = test(function () {
          if (!(outB(isAEIOU) || c === 0)) return false;
          if (test(function () { return inB(isAIOU) || (inB(isE) && c === 0); })) return false;
          return !test(function () { if (c === 0) return false; c--; return inB(isAIOU) && outB(isAEIOU); });
        });
        if (ok) insertB(s.slice(bra, ket).join(""));
      } else if (test(function () { return outB(isAEIOU) || c === 0; })) insertB(s.slice(bra, ket).join(""));
    }
    function suffix(list) { ket = c; var m = amongB(list); bra = c; return m; }
    function step1() {
      var m = suffix(["'s", "s", "ies", "es", "és", "aus", "en", "nde"]);
      if (m === null) return false;
      switch (m) {
        case "'s": del(); break;
        case "s":
          if (!r1() || test(function () { return eqB("t") && r1(); }) || !cB()) return false;
          del(); break;
        case "ies": if (!r1()) return false; sliceFrom("ie"); break;
        case "es":
          if (test(function () { return eqB("ar") && r1() && cB(); })) { del(); lengthenV(); }
          else if (test(function () { return eqB("er") && r1() && cB(); })) del();
          else if (r1() && cB()) sliceFrom("e");
          else return false;
          break;
        case "és": if (!r1()) return false; sliceFrom("é"); break;
        case "aus": if (!r1() || !vB()) return false; sliceFrom("au"); break;
        case "en":
          if (tryF(function () { return eqB("hed") && r1(); })) { bra = c; sliceFrom("heid"); }
          else if (tryF(function () { return eqB("nd"); })) del();
          else if (tryF(function () { return eqB("d") && r1() && cB(); })) { bra = c; del(); }
          else if (tryF(function () { return (eqB("i") || eqB("j")) && vB(); })) del();
          else if (r1() && cB()) { del(); lengthenV(); }
          else return false;
          break;
        case "nde": sliceFrom("nd"); break;
      }
      return true;
    }
    function step2() {
      var m = suffix(["je", "ge", "lijke", "ische", "de", "te", "se", "re", "le", "ene", "ieve"]);
      if (m === null) return false;
      switch (m) {
        case "je":
          if (tryF(function () { return eqB("'t"); })) { bra = c; del(); }
          else if (tryF(function () { return eqB("et") && setBra() && r1() && cB(); })) del();
          else if (tryF(function () { return eqB("rnt"); })) { bra = c; sliceFrom("rn"); }
          else if (tryF(function () { return eqB("t") && setBra() && r1() && vxB(); })) del();
          else if (tryF(function () { return eqB("ink"); })) { bra = c; sliceFrom("ing"); }
          else if (tryF(function () { return eqB("mp"); })) { bra = c; sliceFrom("m"); }
          else if (tryF(function () { return eqB("'") && setBra() && r1(); })) del();
          else if (r1() && cB()) del();
          else return false;
          break;
        case "ge": if (!r1()) return false; sliceFrom("g"); break;
        case "lijke": if (!r1()) return false; sliceFrom("lijk"); break;
        case "ische": if (!r1()) return false; sliceFrom("isch"); break;
        case "de": if (!r1() || !cB()) return false; del(); break;
        case "te": case "se": case "re": if (!r1()) return false; sliceFrom(m.charAt(0)); break;
        case "le": if (!r1()) return false; del(); attachB("l"); lengthenV(); break;
        case "ene": if (!r1() || !cB()) return false; del(); attachB("en"); lengthenV(); break;
        case "ieve": if (!r1() || !cB()) return false; sliceFrom("ief"); break;
      }
      return true;
    }
    function step3() {
      var m = suffix(["atie", "iteit", "heid", "sel", "ster", "rder", "ing", "isme", "erij", "arij", "fie", "gie", "tst", "dst"]);
      if (m === null) return false;
      switch (m) {
        case "atie": if (!r1()) return false; sliceFrom("eer"); break;
        case "iteit": if (!r1()) return false; del(); lengthenV(); break;
        case "heid": case "sel": case "ster": if (!r1()) return false; del(); break;
        case "rder": sliceFrom("r"); break;
        case "ing": case "isme": case "erij":
          if (test(function () { return eqB("ild"); })) { sliceFrom("er"); return true; }
          if (!r1()) return false;
          del(); lengthenV(); break;
        case "arij": if (!r1() || !cB()) return false; sliceFrom("aar"); break;
        case "fie": case "gie": if (!r2()) return false; del(); attachB(m.charAt(0)); lengthenV(); break;
        case "tst": case "dst": if (!r1() || !cB()) return false; sliceFrom(m.charAt(0)); break;
      }
      return true;
    }
    function step4a() {
      var m = suffix(["ioneel", "atief", "baar", "naar", "laar", "raar", "tant", "lijker", "lijkst", "achtig", "achtiger", "achtigst", "eriger", "erigst", "erig", "end"]);
      if (m === null || !r1()) return false;
      switch (m) {
        case "ioneel": sliceFrom("ie"); break;
        case "atief": sliceFrom("eer"); break;
        case "baar": del(); break;
        case "naar": case "laar": case "raar": if (!vB()) return false; sliceFrom(m.charAt(0)); break;
        case "tant": sliceFrom("teer"); break;
        case "lijker": case "lijkst": sliceFrom("lijk"); break;
        case "achtig": case "achtiger": case "achtigst": del(); break;
        default: if (!cB()) return false; del(); lengthenV();
      }
      return true;
    }
    function step4() {
      if (tryF(step4a)) return true;
      var m = suffix(["iger", "igst", "ig"]);
      if (m === null || !r1()) return false;
      if (test(function () { return eqB("inn") && c === 0; }) || !cB()) return false;
      del(); lengthenV();
      return true;
    }
    function step7() {
      var m = suffix(["kt", "ft", "pt", "rt", "lt", "gt"]);
      if (m === null) return false;
      sliceFrom(m.charAt(0));
      return true;
    }
    function step6() {
      var m = suffix(["bb", "cc", "dd", "ff", "gg", "hh", "jj", "kk", "ll", "mm", "nn", "pp", "qq", "rr", "ss", "tt", "vv", "ww", "xx", "zz", "v", "z"]);
      if (m === null) return false;
      if (m === "v") sliceFrom("f");
      else if (m === "z") sliceFrom("s");
      else if (m === "nn") {
        if (test(function () { return eqB("i") && c === 0; })) return false;
        sliceFrom("n");
      } else sliceFrom(m.charAt(0));
      return true;
    }
    function step1c() {
      var m = suffix(["d", "t"]);
      if (m === null || !r1() || !cB()) return false;
      if (m === "d") {
        if (test(function () { return eqB("n") && r1(); })) return false;
        if (test(function () { return eqB("in") && c === 0; })) { sliceFrom("n"); return true; }
        del();
      } else {
        if (test(function () { return eqB("h") && r1(); })) return false;
        if (test(function () { return eqB("en") && c === 0; })) return false;
        del();
      }
      return true;
    }
    function isVAt(i) { return i < s.length && isV(s[i]); }
    function vowelAt(i) { return i + 1 < s.length && s[i] === "i" && s[i + 1] === "j" ? 2 : isVAt(i) ? 1 : 0; }
    function measure() {
      var n = s.length, i = 0;
      p1 = n; p2 = n;
      function next() {
        while (i < n && !isV(s[i])) i++;
        var k = 0, l;
        while ((l = vowelAt(i)) > 0) { i += l; k++; }
        if (k === 0 || i >= n || isV(s[i])) return -1;
        return ++i;
      }
      var p = next();
      if (p >= 0) { p1 = p; p = next(); if (p >= 0) p2 = p; }
    }
    function afterGE(i) {
      var n = s.length;
      if (i + 3 > n) return false;
      while (i < n) {
        var l = vowelAt(i);
        if (l > 0) {
          i += l;
          while (vowelAt(i) > 0) i += vowelAt(i);
          return i < n;
        }
        i++;
      }
      return false;
    }
    function hasAt(i, str) {
      var rs = chars(str);
      if (i + rs.length > s.length) return false;
      for (var k = 0; k < rs.length; k++) if (s[i + k] !== rs[k]) return false;
      return true;
    }
    function removeGE(i, at) {
      s.splice(i, 2);
      if (at < s.length) { if (s[at] === "ë") s[at] = "e"; else if (s[at] === "ï") s[at] = "i"; }
    }
    function losePrefix() {
      if (!hasAt(0, "ge") || !afterGE(2)) return false;
      var at = 2;
      if (hasAt(2, "vali")) at = 6;
      else if (hasAt(2, "eft") || hasAt(2, "val") || hasAt(2, "vaa") || hasAt(2, "vare")) return false;
      removeGE(0, at - 2);
      return true;
    }
    function loseInfix() {
      for (var i = 1; i + 2 <= s.length; i++) {
        if (hasAt(i, "ge")) {
          if (!afterGE(i + 2)) return false;
          removeGE(i, i);
          return true;
        }
      }
      return false;
    }
    function back(f) { c = s.length; return f(); }
    var stemmed = false;
    measure();
    [step1, step2, step3, step4].forEach(function (f) { if (back(f)) stemmed = true; });
    if (losePrefix()) { measure(); stemmed = true; back(step1c); }
    if (loseInfix()) { measure(); stemmed = true; back(step1c); }
    if (back(step7)) stemmed = true;
    if (stemmed) back(step6);
    return s.join("");
  }

  // FOLD is internal/slug's fold table (accents, and ligatures spelled
  // out), generated by go test ./internal/search -update: do not edit.
  var FOLD = {
    "ß": "ss", "à": "a", "á": "a", "â": "a", "ã": "a", "ä": "a", "å": "a", "æ": "ae",
    "ç": "c", "è": "e", "é": "e", "ê": "e", "ë": "e", "ì": "i", "í": "i", "î": "i",
    "ï": "i", "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ö": "o", "ø": "o",
    "ù": "u", "ú": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y", "ĳ": "ij", "œ": "oe"
  };
  // spell writes the ligatures of a word as their letters (ĳ → ij) before
  // stemming: the stemmer must see ij as ij. fold, after stemming, removes
  // accents (and spells out what is left, as in a query's own words).
  // Most words are ASCII, with nothing to spell out or fold.
  var ASCII = /^[\x00-\x7f]*$/, TRIPLE = /([aeiouy])\1\1/;
  function spell(w) {
    if (ASCII.test(w)) return w;
    return Array.from(w).map(function (r) { var f = FOLD[r]; return f && f.length > 1 ? f : r; }).join("");
  }
  // A run of exactly three equal vowels becomes two (creëe, creee: creer);
  // a longer one is no word and stays (see Fold in analyze.go).
  function fold(w) {
    if (ASCII.test(w) && !TRIPLE.test(w)) return w;
    var rs = [], out = "";
    Array.from(w).forEach(function (r) { rs.push.apply(rs, Array.from(FOLD[r] || r)); });
    for (var i = 0, j; i < rs.length; i = j) {
      for (j = i + 1; j < rs.length && rs[j] === rs[i];) j++;
      out += rs.slice(i, j - i === 3 && isV(rs[i]) ? j - 1 : j).join("");
    }
    return out;
  }
  var WORD = /[\p{L}\p{Nd}]+/gu;
  function words(text) { return (text.match(WORD) || []).map(function (w) { return w.toLowerCase(); }); }
  // Snippets analyse every word they show: remember each word's term.
  var TERMS = new Map();
  function term(w) {
    var t = TERMS.get(w);
    if (t === undefined) { t = fold(stemNL(spell(w))); TERMS.set(w, t); }
    return t;
  }
  var STOP = {};
  "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou"
    .split(" ").forEach(function (w) { STOP[w] = 1; });

  // A few synonyms readers use for the handbook's own words.
  var SYN = {};
  [["manager", "leidinggevende", "leider", "baas", "management"], ["medewerker", "werknemer"], ["cursus", "training", "opleiding"]]
    .forEach(function (g) {
      g = g.map(term);
      g.forEach(function (t) { SYN[t] = g.filter(function (u) { return u !== t; }); });
    });

  var api = { stem: stemNL, fold: fold, words: words, term: term };
  window.handboekSearch = api;

  // ---- Index loading ----
  var body = document.body;
  if (!body) return;
  var root = body.getAttribute("data-root") || "./";
  var fileMode = location.protocol === "file:";
  var got = {}, waiting = {};
  window.__handboekSearch = function (kind, id, data) {
    var key = kind + id;
    got[key] = data;
    (waiting[key] || []).forEach(function (w) { w[0](data); });
    delete waiting[key];
  };
  // Over http the files are fetched and their data parsed as JSON, which
  // takes the browser about half as long as running them as scripts; from
  // file://, where nothing can be fetched, or where fetching fails (a
  // policy that allows scripts only), they run as scripts.
  var fetching = !fileMode && !!window.fetch;
  function load(kind, id) {
    var key = kind + id;
    if (key in got) return Promise.resolve(got[key]);
    return new Promise(function (ok, fail) {
      if (waiting[key]) { waiting[key].push([ok, fail]); return; }
      waiting[key] = [[ok, fail]];
      var src = root + "search/" + (kind === "m" ? "meta" : kind === "n" ? "num" : kind + "/" + id) + ".js";
      function failed() {
        (waiting[key] || []).forEach(function (w) { w[1](new Error("cannot load " + src)); });
        delete waiting[key];
      }
      function script() {
        var el = document.createElement("script");
        el.src = src;
        el.onerror = failed;
        document.head.appendChild(el);
      }
      if (!fetching) return script();
      fetch(src).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(function (txt) {
        // __handboekSearch("s",3,DATA)
        window.__handboekSearch(kind, id, JSON.parse(txt.slice(txt.indexOf(",", txt.indexOf(",") + 1) + 1, txt.lastIndexOf(")"))));
      }).catch(function () { fetching = false; if (waiting[key]) script(); });
    });
  }
  var A64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIG = {};
  for (var di = 0; di < 64; di++) DIG[A64.charAt(di)] = di;
  var meta = null;
  function loadMeta() {
    if (meta) return Promise.resolve(meta);
    return load("m", 0).then(function (m) {
      if (!meta) {
        // Terms with a digit come first; until num.js is loaded they are
        // empty strings, which no word matches.
        var terms = new Array(m.nn || 0).fill("").concat(unfront(m.t));
        meta = { n: m.n, kinds: m.k, dk: m.dk, terms: terms, starts: gaps(m.s), g: m.g, nn: m.nn || 0, pages: m.p, post: {}, df: {}, recs: {}, syn: synonyms(m.y || []) };
      }
      return meta;
    });
  }
  // synonyms reads the site's synonym groups (each entry its terms, joined
  // by spaces): one is, for each term that is an entry of its own, the
  // other entries of its groups; many lists the entries of several terms
  // (phrases) with the other entries of their group.
  function synonyms(groups) {
    var one = {}, many = [];
    groups.forEach(function (g) {
      var es = g.map(function (e) { return e.split(" "); });
      es.forEach(function (e, i) {
        var others = es.filter(function (o, k) { return k !== i; });
        if (e.length === 1) one[e[0]] = (one[e[0]] || []).concat(others);
        else many.push([e, others]);
      });
    });
    return { one: one, many: many };
  }
  function unfront(str) {
    var out = [], prev = "";
    str.split(",").forEach(function (e) {
      var t = prev.slice(0, DIG[e.charAt(0)]) + e.slice(1);
      out.push(t); prev = t;
    });
    return out;
  }
  function loadNumbers(ws) {
    if (!needsNumbers(ws)) return Promise.resolve();
    return load("n", 0).then(function (str) {
      if (meta.numbers) return;
      unfront(str).forEach(function (t, i) { meta.terms[i] = t; });
      meta.numbers = true;
    });
  }
  function find(t) {
    var a = meta.terms, lo = 0, hi = a.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // exact is the number of term t in the dictionary, or -1.
  function exact(t) {
    var i = find(t);
    return i < meta.terms.length && meta.terms[i] === t ? i : -1;
  }
  function shardOf(i) {
    var a = meta.starts, lo = 0, hi = a.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (a[mid] <= i) lo = mid; else hi = mid - 1; }
    return lo;
  }
  // postings returns term i's pages and scores, [page, score, ...], and
  // keeps the records of its best pages. Its shard must be loaded.
  function postings(i) {
    if (meta.post[i]) return meta.post[i];
    var sh = shardOf(i), entry = got["s" + sh][i - meta.starts[sh]], str = entry[0], out = [], doc = -1, p = 0, e = 1;
    // A term on more pages than its postings keep says on how many.
    if (typeof entry[1] === "number") meta.df[i] = entry[e++];
    // The term's best pages come with title, URL (on a small site they
    // are in meta.js) and a snippet.
    for (; e < entry.length; e++) {
      var x = entry[e], p0 = meta.pages ? meta.pages[x[0]] : x.slice(1, 3), rec = meta.recs[x[0]] || (meta.recs[x[0]] = { t: p0[0], u: p0[1], s: [] });
      rec.s.push([x[x.length - 2], "", x[x.length - 1]]);
    }
    while (p < str.length) {
      var g = gap(str, p);
      doc += g[0]; p = g[1];
      // Score: squared back, doubled when the word is in the title.
      var q = DIG[str.charAt(p++)], sc = q & 31;
      out.push(doc, sc * sc * (q >= 32 ? 2 : 1));
    }
    meta.post[i] = out;
    return out;
  }
  // gap reads the base-32 varint at p of str (digits 32-63: more follows),
  // and returns it with where the next thing starts.
  function gap(str, p) {
    var n = 0, mul = 1, d;
    while ((d = DIG[str.charAt(p++)]) >= 32) { n += (d - 32) * mul; mul *= 32; }
    return [n + d * mul, p];
  }
  // gaps reads ascending numbers written as gaps, the first from -1.
  function gaps(str) {
    var out = [], n = -1;
    for (var p = 0; p < str.length;) { var g = gap(str, p); n += g[0]; p = g[1]; out.push(n); }
    return out;
  }

  // ---- Queries: words, what each matches, ranking. ----
  // The longest word the index counts, in bytes of UTF-8 (maxWordBytes in
  // analyze.go): anything longer is no word, and a query ignores it.
  var MAXW = 80, utf8 = window.TextEncoder ? new TextEncoder() : null;
  function wordBytes(w) { return utf8 ? utf8.encode(w).length : unescape(encodeURIComponent(w)).length; }

  // parse turns a query into words: stop words go unless nothing else is left;
  // the last word, still being typed, also matches as a prefix.
  function parse(q) {
    q = String(q).slice(0, 300);
    var ws = words(q).filter(function (w) { return wordBytes(w) <= MAXW; }), typing = !/\s$/.test(q), out = [];
    var keep = ws.filter(function (w) { return !STOP[w]; });
    if (!keep.length) keep = ws;
    keep.slice(0, 10).forEach(function (w, i, all) {
      out.push({ word: fold(w), term: term(w), prefix: typing && i === all.length - 1 && w === ws[ws.length - 1] });
    });
    return out;
  }

  // How much a page found by a word's expansion counts against one found
  // by the word's own term. A Dutch compound is a kind of its last word
  // (a leerbehoefte is a behoefte, a feedbackcultuur no feedback): one
  // that ends with the word counts more than one that starts with it.
  var PREFIX = 0.6, ENDS = 0.5, STARTS = 0.35, SYNONYM = 0.6, TYPO = 0.5;
  // Heads of a compound whose meaning stays that of the rest (cocreatie,
  // microlearning), though they are no dictionary word of four letters.
  // Not bij, na, om or her: bijvoorbeeld, omgeven, herkennen are no kind
  // of voorbeeld, geven, kennen.
  var HEADS = { co: 1, micro: 1, mini: 1 };
  // Suffixes that are dictionary words too (lijk: lijken): tijdelijk is
  // no compound of tijd.
  var SUFFIXES = { lijk: 1, heid: 1, schap: 1, baar: 1, zaam: 1, loos: 1, achtig: 1 };

  // dictWord is the dictionary term that a piece of a word or term stands
  // for, when it is a word of four letters or more: the piece itself, or
  // its term; else -1.
  function dictWord(s) {
    if (s.length < 4) return -1;
    var i = exact(s);
    return i >= 0 ? i : exact(term(s));
  }
  // restOf tells whether rest, the part of a compound term outside the
  // query's term, is a word of its own: a dictionary word, maybe behind
  // (before: rest comes first) or after a linking s or e (leiderschaps-,
  // -skompas), or a known head.
  function restOf(rest, before) {
    if (before && HEADS[rest]) return true;
    if (!before && SUFFIXES[rest.replace(/^[se]/, "")]) return false;
    if (dictWord(rest) >= 0) return true;
    var link = before ? rest.charAt(rest.length - 1) : rest.charAt(0);
    return (link === "s" || link === "e") && dictWord(before ? rest.slice(0, -1) : rest.slice(1)) >= 0;
  }
  // split splits a word that is not in the dictionary into two dictionary
  // words of four letters or more, with a linking s or e between them
  // (opleidingsbehoefte: opleiding, behoefte): the longest first part
  // wins. It returns the two terms' numbers, or null.
  function split(w) {
    var s = w.word;
    for (var i = s.length - 4; i >= 4; i--) {
      var tail = dictWord(s.slice(i));
      if (tail < 0) continue;
      var head = s.slice(0, i), h = dictWord(head), c = head.charAt(i - 1);
      if (h < 0 && (c === "s" || c === "e")) h = dictWord(head.slice(0, -1));
      if (h >= 0) return [h, tail];
    }
    return null;
  }
  // variants are the words one edit away from w (Damerau: a letter left
  // out, added, changed, or two swapped).
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  function variants(w) {
    var out = [];
    for (var i = 0; i <= w.length; i++) {
      var a = w.slice(0, i), b = w.slice(i);
      if (b) out.push(a + b.slice(1));
      if (b.length > 1) out.push(a + b.charAt(1) + b.charAt(0) + b.slice(2));
      for (var k = 0; k < 26; k++) {
        var c = LETTERS.charAt(k);
        out.push(a + c + b);
        if (b && c !== b.charAt(0)) out.push(a + c + b.slice(1));
      }
    }
    return out;
  }
  // typos are the dictionary terms of the words one edit from w: a typo is
  // looked up as the word it misspells, stemmed (evalutie: evaluatie,
  // stored as evalueer), and as a term itself. Stemming is what costs: a
  // variant is stemmed only when some term starts as it does (the stemmer
  // changes a word's end, and drops a ge- at its start).
  function typos(w) {
    var out = [], seen = {}, tried = {};
    function add(i) { if (i >= 0 && !seen[i]) { seen[i] = 1; out.push(i); } }
    function starts(v) {
      var p = (v.lastIndexOf("ge", 0) === 0 ? v.slice(2) : v).slice(0, 3), i = find(p);
      return i < meta.terms.length && meta.terms[i].lastIndexOf(p, 0) === 0;
    }
    variants(w.word).forEach(function (v) {
      if (!(v in tried)) { tried[v] = 1; if (starts(v)) add(exact(term(v))); }
    });
    if (w.term !== w.word) variants(w.term).forEach(function (v) { add(exact(v)); });
    return out;
  }

  // expand finds what a query word matches in the dictionary, as items
  // {i: term number, w: weight}: the word's own term; while typing, the
  // terms it starts; compounds of it with another word (4+ letters) on
  // either side; the site's synonyms, and the phrase of them it is part
  // of; and, when none of those is found, one-edit typos (5+ letters).
  // need holds the shards the query loads already: among equally good
  // candidates, those in a loaded shard cost nothing more.
  function expand(w, need, syn) {
    var T = meta.terms, out = [], seen = {};
    function add(i, wt) {
      if (i < 0 || i in seen) return;
      seen[i] = 1;
      out.push({ i: i, w: w.part ? Math.min(wt, w.part) : wt });
      need[shardOf(i)] = 1;
    }
    var ex = w.ex === undefined ? exact(w.term) : w.ex;
    add(ex, 1);
    // some adds the best candidates (those that ok, when given, accepts:
    // it is asked only until limit are found); at most fresh of them may
    // need a shard that the query does not load yet.
    function some(cands, wt, limit, fresh, ok) {
      cands.sort(function (a, b) {
        return !need[shardOf(b)] - !need[shardOf(a)] || T[a].length - T[b].length || a - b;
      });
      for (var k = 0; k < cands.length && limit > 0; k++) {
        var i = cands[k];
        if (ok && !ok(i)) continue;
        limit--;
        if (need[shardOf(i)]) add(i, wt);
        else if (fresh-- > 0) add(i, wt);
      }
    }
    var c1 = [];
    if (w.prefix && w.word.length >= 2) {
      for (var i = find(w.word); i < T.length && T[i].lastIndexOf(w.word, 0) === 0; i++) if (i !== ex) c1.push(i);
      some(c1, ex >= 0 ? PREFIX / 2 : PREFIX, 8, 2);
    }
    // Compounds: a term that is the word's term after another word, or
    // starts with the word's term or the word itself (kwaliteit, stemmed
    // kwaal, heads kwaliteitscultuur) before another word. A word still
    // being typed has them only once it is a word: a fragment heads no
    // compound. Whether the rest is a word is asked of the best
    // candidates only (it may stem the rest).
    var t = w.term, s = w.word;
    if (t.length >= 4 && (ex >= 0 || !w.prefix)) {
      var ends = [], starts = [];
      for (var j = 0; j < T.length; j++) {
        var x = T[j];
        if (x.length <= t.length) continue;
        if (x.indexOf(t, x.length - t.length) >= 0) ends.push(j);
        else if (x.lastIndexOf(t, 0) === 0 || s !== t && x.length > s.length && x.lastIndexOf(s, 0) === 0) starts.push(j);
      }
      some(ends, ENDS, 6, 1, function (j) { return restOf(T[j].slice(0, T[j].length - t.length), true); });
      some(starts, STARTS, 6, 1, function (j) {
        var x = T[j];
        return x.lastIndexOf(t, 0) === 0 && restOf(x.slice(t.length), false) || s !== t && x.lastIndexOf(s, 0) === 0 && restOf(x.slice(s.length), false);
      });
    }
    // A phrase is a term of its own in the index (its words one after
    // the other).
    (syn || []).forEach(function (s) { add(exact(s[0].join(" ")), s[1]); });
    // A word being typed that starts some terms is not taken for a typo:
    // it is most likely unfinished. Beyond 20 letters the variants are too
    // many to stem while typing (a compound is split instead).
    var n = Array.from(w.word).length;
    if (ex < 0 && !c1.length && !w.part && n >= 5 && n <= 20) some(typos(w), TYPO, 6, 2);
    return out;
  }

  // plan is what searching q takes, from the dictionary alone: its words,
  // each word's expansions, and the shards those are in. A word not in the
  // dictionary that splits into two is two words. The box asks for it on
  // every keystroke and search again after, so the last one is kept.
  var planned = null;
  function plan(q) {
    var key = q + (meta.numbers ? "\n1" : "\n0");
    if (planned && planned.key === key) return planned;
    var ws = [], need = {};
    parse(q).forEach(function (w, u) {
      // u numbers the query's words, each as rare as the pages it finds;
      // the two parts of a split word count apart (2u, 2u+1), so that in
      // leerbudget the rare budget weighs more than leer, on every page,
      // and a page with only the common part is left out.
      w.u = 2 * u;
      w.ex = exact(w.term);
      var two = w.ex < 0 && !(w.prefix && find(w.word) < meta.terms.length && meta.terms[find(w.word)].lastIndexOf(w.word, 0) === 0) ? split(w) : null;
      if (!two) { ws.push(w); return; }
      // A page with a part has a word the query's word starts or ends
      // with, as a compound does the other way round: the parts weigh as
      // such compounds do (the last part, what the compound is, more), and
      // their matches no more (leerbehoefte, ending in behoefte, is as
      // near opleidingsbehoefte as behoefte is).
      two.forEach(function (i, k) { ws.push({ word: meta.terms[i], term: meta.terms[i], ex: i, prefix: false, part: k ? ENDS : STARTS, u: 2 * u + k }); });
    });
    // Exact terms first, so expansions can prefer the shards they load.
    ws.forEach(function (w) { if (w.ex >= 0) need[shardOf(w.ex)] = 1; });
    var syn = synonymsOf(ws);
    var exp = ws.map(function (w, i) { return expand(w, need, syn[i]); });
    planned = { key: key, words: ws, need: Object.keys(need), exp: exp };
    return planned;
  }
  // synonymsOf lists, for each word, the synonyms it brings, as [terms,
  // weight]: those of its term, and where it is part of a phrase among
  // the synonyms (nieuwe medewerker), the phrase itself, which finds the
  // pages with its words together, and its synonyms.
  function synonymsOf(ws) {
    var S = meta.syn, out = ws.map(function (w) {
      return (S.one[w.term] || []).map(function (e) { return [e, SYNONYM]; });
    });
    S.many.forEach(function (p) {
      var e = p[0];
      for (var i = 0; i + e.length <= ws.length; i++) {
        if (!e.every(function (t, k) { return ws[i + k].term === t; })) continue;
        var more = [[e, 1]].concat(p[1].map(function (o) { return [o, SYNONYM]; }));
        for (var k = 0; k < e.length; k++) out[i + k] = out[i + k].concat(more);
      }
    });
    return out;
  }
  // needsNumbers tells whether words need num.js, and it is not loaded yet.
  function needsNumbers(ws) {
    return meta.nn && !meta.numbers && ws.some(function (w) { return /^[0-9]/.test(w.term); });
  }
  // ready tells whether searching q loads no index file.
  function ready(q) {
    if (!meta) return false;
    var p = plan(q);
    return !needsNumbers(p.words) && p.need.every(function (s) { return ("s" + s) in got; });
  }
  // prepare loads the index files that searching q takes.
  function prepare(q) {
    return loadMeta().then(function () {
      return loadNumbers(parse(q));
    }).then(function () {
      var p = plan(q);
      return Promise.all(p.need.map(function (s) { return load("s", s); })).then(function () { return p; });
    });
  }

  // search resolves to the ranked results of q: [{doc, score, cover, terms}].
  function search(q, kinds) {
    return prepare(q).then(function (pl) { return rank(pl, kinds); });
  }
  // idf is how rare a word found on df of the site's pages is (BM25's).
  function idf(df) { return Math.log(1 + (meta.n - df + 0.5) / (df + 0.5)); }

  // rank scores the pages of a plan whose shards are loaded. Each word of
  // the query counts by how rare it is: a page's cover is the share of the
  // query's weight (its words' idf) that it has, and its score the scores
  // of its words' matches, times its cover. So a page with the rare words
  // of a question comes before one with many common ones, and pages with
  // little of the query are left out. A box ranks a query to see whether
  // it can show it at once, and again to show it, so the plan keeps its
  // last ranking. (The weights were set on one half of a set of readers'
  // queries, internal/search/testdata/queries.txt, and checked on the
  // other.)
  function rank(pl, kinds) {
    var kk = kinds ? Object.keys(kinds).sort().join() : "*";
    if (pl.kk === kk) return pl.found;
    // Each word's matches, and the pages of each word of the query (each
    // part of a split word on its own), which say how rare it is.
    var units = [], found = pl.exp.map(function (e, wi) {
      var u = units[pl.words[wi].u] || (units[pl.words[wi].u] = { pages: {}, n: 0, df: 0 });
      return e.map(function (x) {
        var p = postings(x.i), df = Math.max(p.length / 2, meta.df[x.i] || 0);
        u.df = Math.max(u.df, df);
        for (var i = 0; i < p.length; i += 2) if (!u.pages[p[i]]) { u.pages[p[i]] = 1; u.n++; }
        return [x, p, df];
      });
    });
    var total = 0;
    units.forEach(function (u) {
      if (u && u.n) { u.idf = idf(Math.max(u.df, u.n)); total += u.idf; }
    });
    // A page's score adds up each word's best match, and half of its
    // others (a page with the word and its compounds has more of it). A
    // word weighs as rare as the pages it finds: a match's score (BM25,
    // with the matched term's idf) is taken with the word's idf instead,
    // so that a rare compound of a common word (teamleren for leren)
    // scores as common as the word.
    var docs = {}, MORE = 0.5;
    found.forEach(function (ms, wi) {
      var u = units[pl.words[wi].u], best = {};
      ms.forEach(function (m) {
        var x = m[0], p = m[1], f = x.w * u.idf / idf(m[2]), tn = meta.terms[x.i];
        for (var i = 0; i < p.length; i += 2) {
          var sc = p[i + 1] * f, b = best[p[i]];
          if (!b) best[p[i]] = [sc, 0, tn];
          else {
            b.push(tn);
            if (sc > b[0]) { b[1] += b[0]; b[0] = sc; } else b[1] += sc;
          }
        }
      });
      Object.keys(best).forEach(function (d) {
        var r = docs[d] || (docs[d] = { doc: +d, score: 0, cover: 0, units: {}, terms: [] });
        var b = best[d];
        r.score += (b[0] + MORE * b[1]) * (meta.kinds[DIG[meta.dk.charAt(+d)]] === "section" ? 0.5 : 1);
        if (!r.units[pl.words[wi].u]) { r.units[pl.words[wi].u] = 1; r.cover += u.idf; }
        r.terms.push.apply(r.terms, b.slice(2));
      });
    });
    var list = Object.keys(docs).map(function (d) { return docs[d]; }), most = 0, cover = 0;
    list.forEach(function (r) {
      r.cover = total > 0 ? r.cover / total : 1;
      r.score *= r.cover;
      most = Math.max(most, r.score);
      cover = Math.max(cover, r.cover);
    });
    // A page with less than half the cover of the best, and a tenth of
    // its score, is left out: a question's common words alone.
    list = list.filter(function (r) {
      return (r.cover >= cover / 2 || r.score >= most / 10) && (!kinds || kinds[kindOf(r.doc)]);
    });
    // Scores in one band of 10% tie (the index's scores are quantised, and
    // a match that adds a little, such as a rare compound of a common
    // word, says little); ties go to pages whose title and snippet came
    // with the postings: showing them loads nothing more.
    list.forEach(function (r) { r.band = Math.round(10 * Math.log(r.score)); });
    list.sort(function (a, b) {
      return b.band - a.band || !!meta.recs[b.doc] - !!meta.recs[a.doc] || b.score - a.score || a.doc - b.doc;
    });
    pl.kk = kk;
    return (pl.found = { words: pl.words, results: list });
  }
  // here tells whether showing the first n results of q loads nothing.
  function here(q, kinds, n) {
    if (!words(q).length) return true;
    if (!ready(q)) return false;
    return rank(plan(q), kinds).results.slice(0, n).every(function (r) {
      return meta.recs[r.doc] || ("d" + Math.floor(r.doc / meta.g)) in got;
    });
  }
  function kindOf(doc) {
    var k = meta.kinds[DIG[meta.dk.charAt(doc)]];
    return k === "dimensie" || k === "spaak" || k === "praktijk" || k === "artikel" ? k : "pagina";
  }
  api.search = search;

  // warm loads what searching q takes (its plan's shards), so that once
  // the last letter is typed most of it is in.
  function warm(q) {
    return prepare(q).catch(function () {});
  }
  // typing wires a query box to its run. A keystroke's query shows at once
  // when all it shows is here (searching and showing take a few ms). If not,
  // the box warms its words' shards and shows it when they are in and that
  // is enough, or else after a 60 ms pause in typing: so a fast typist does
  // not load the files of every prefix on the way. Any other input (a paste,
  // a drop, text inserted at once, a script's event) is a whole query and
  // runs at once.
  function typing(input, run, shown) {
    var timer = 0;
    input.addEventListener("input", function (e) {
      var q = input.value, key = keystroke(e);
      clearTimeout(timer);
      // One letter typed is not yet a query: the box shows nothing rather
      // than "nothing found" (a paste or Enter still searches for it).
      if (key && words(q).every(function (w) { return Array.from(w).length < 2; })) { run(true); return; }
      if (!key || shown(q)) { run(); return; }
      timer = setTimeout(run, 60);
      warm(q).then(function () {
        if (input.value === q && shown(q)) { clearTimeout(timer); run(); }
      });
    });
  }
  // keystroke tells whether an input event is one key's worth of typing:
  // a character typed or composed, or one deleted. Text inserted at once
  // (a test tool's fill, a dictation, a pick from a list) is a whole query.
  function keystroke(e) {
    var t = e.inputType || "";
    if (t === "deleteContentBackward" || t === "deleteContentForward" || t === "deleteWordBackward" || t === "deleteWordForward") return true;
    return (t === "insertText" || t === "insertCompositionText") && Array.from(e.data || "").length <= 1;
  }

  // ---- Rendering: DOM text and <mark> only, never innerHTML. ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  // hitSet is what isHit matches: the terms, and the letters they start with.
  function hitSet(terms) {
    var first = {};
    for (var t in terms) first[t.charAt(0)] = 1;
    return { terms: terms, first: first };
  }
  // fold1 is the first letter of c folded (ĳ → i).
  function fold1(c) { return (FOLD[c] || c).charAt(0); }
  // A word's term starts with the word's first letter, folded, or its third
  // when the stemmer drops a leading ge- (TestTermStartsLikeItsWord holds the
  // stemmers to that): a word that starts like no matched term is no hit,
  // and is not stemmed. A result's snippets are mostly such words.
  function isHit(word, hit, prefixes) {
    var w = word.toLowerCase(), on = false;
    if (hit.first[fold1(w.charAt(0))] || (w.lastIndexOf("ge", 0) === 0 && hit.first[fold1(w.charAt(2))])) on = !!hit.terms[term(w)];
    if (!on && prefixes.length) {
      var f = fold(w);
      for (var i = 0; !on && i < prefixes.length; i++) on = f.lastIndexOf(prefixes[i], 0) === 0;
    }
    return on;
  }
  function highlight(parent, text, hit, prefixes) {
    var last = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (!isHit(m[0], hit, prefixes)) continue;
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      parent.appendChild(el("mark", null, m[0]));
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }
  // page resolves to the record of a result: title, URL and the snippets
  // known; a page outside every term's best pages comes from its title file.
  function page(r) {
    var rec = meta.recs[r.doc];
    if (rec) return Promise.resolve(rec);
    var g = Math.floor(r.doc / meta.g);
    return load("d", g).then(function (group) {
      if (meta.recs[r.doc]) return meta.recs[r.doc];
      var x = group[r.doc - g * meta.g];
      // On a small site the page file has every section of the page.
      var secs = (x[2] || []).map(function (s) { return s[0] === 0 ? [anchor(s[1])].concat(s.slice(1)) : s; });
      return (meta.recs[r.doc] = { t: x[0], u: x[1], s: secs });
    });
  }
  // anchor is the anchor of an ASCII heading, where a page file leaves it
  // out (0): lower case, every run of other characters a hyphen.
  function anchor(h) { return h.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }
  api.anchor = anchor;
  function hits(text, hit, prefixes) {
    return (text.match(WORD) || []).filter(function (w) { return isHit(w, hit, prefixes); }).length;
  }
  function href(d, sec) {
    var u = root + d.u;
    if (fileMode && (u === "" || u.charAt(u.length - 1) === "/")) u += "index.html";
    var id = sec && sec[0];
    return id ? u + "#" + id : u;
  }
  // labels reads the page's strings; "count" of 1 is "count-one", the
  // singular ("1 resultaat"), where the page has it.
  function labels(node) {
    return function (key, n, q) {
      var s = (n === 1 && node.getAttribute("data-s-" + key + "-one")) || node.getAttribute("data-s-" + key) || "";
      return s.replace("{n}", n).replace("{q}", q || "");
    };
  }
  // renderResults fills list with results [from, to) and resolves when done.
  function renderResults(list, found, from, to, L, compact) {
    var slice = found.results.slice(from, to);
    return Promise.all(slice.map(page)).then(function (docs) {
      var hit = {}, prefixes = [];
      found.words.forEach(function (w) { hit[w.term] = 1; if (w.prefix && w.word.length >= 2) prefixes.push(w.word); });
      docs.forEach(function (d, i) {
        var r = slice[i], ht = {};
        for (var k in hit) ht[k] = 1;
        // A phrase's words are hits one by one.
        r.terms.forEach(function (t) { t.split(" ").forEach(function (w) { ht[w] = 1; }); });
        var h = hitSet(ht);
        // The snippet that shows the most matched words.
        var sec = ["", "", ""], most = -1;
        d.s.forEach(function (x) {
          var n = hits(x[1] + " " + x[2], h, prefixes);
          if (n > most) { most = n; sec = x; }
        });
        // Where the title or the summary has the words, the page is the
        // answer: the link goes to its top, not to a heading further down
        // (often the reading list, which names the page's subject too).
        var top = hits(d.t, h, prefixes) > 0 || d.s.some(function (x) { return !x[0] && hits(x[2], h, prefixes) > 0; });
        if (top && compact) sec = ["", "", ""];
        var li = el("li", "search-result");
        var a = el("a", "search-result-link");
        a.href = href(d, top ? null : sec);
        a.setAttribute("data-search-result", "");
        var title = el("span", "search-result-title");
        highlight(title, d.t, h, prefixes);
        a.appendChild(title);
        li.appendChild(a);
        li.appendChild(el("span", "search-result-kind", L("kind-" + kindOf(r.doc))));
        if (!compact || sec[1]) {
          var p = el("p", "search-result-snippet");
          if (sec[1]) { var hd = el("span", "search-result-heading"); highlight(hd, sec[1], h, prefixes); p.appendChild(hd); if (!compact) p.appendChild(document.createTextNode(" — ")); }
          if (!compact) highlight(p, sec[2] || "", h, prefixes);
          li.appendChild(p);
        }
        list.appendChild(li);
      });
    });
  }
  api.render = renderResults;

  // ---- Wiring: header box with dropdown, search page, keyboard. ----
  function fixForm(form) {
    if (!fileMode || !form) return;
    var act = form.getAttribute("action") || "";
    if (act.charAt(act.length - 1) === "/") form.setAttribute("action", act + "index.html");
  }
  function moveFocus(links, dir) {
    var i = links.indexOf(document.activeElement) + dir;
    if (i >= 0 && i < links.length) { links[i].focus(); return true; }
    return false;
  }
  function resultKeys(container, input) {
    container.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(container.querySelectorAll("a[data-search-result], a.search-all:not([hidden])"));
      if (e.key === "ArrowDown") { if (moveFocus(links, 1)) e.preventDefault(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); if (!moveFocus(links, -1)) input.focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); if (container.close) container.close(); }
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var first = container.querySelector("a[data-search-result]");
        if (first && !container.hidden) { e.preventDefault(); first.focus(); }
      }
    });
  }
  var header = document.getElementById("site-search");
  var headerInput = header && header.querySelector("input[type=search]");
  fixForm(header);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    var input = document.getElementById("search-page-q") || headerInput;
    if (input) { e.preventDefault(); input.focus(); input.select(); }
  });
  var onPage = document.getElementById("search-page");
  if (header && headerInput && !onPage) {
    var L = labels(header);
    var drop = el("div", "search-dropdown");
    drop.id = "site-search-dropdown";
    drop.hidden = true;
    var status = el("p", "visually-hidden");
    status.setAttribute("role", "status");
    var dlist = el("ol", "search-results");
    // The way on to the search page, with every result and its snippets.
    var all = el("a", "search-all");
    all.hidden = true;
    drop.appendChild(dlist);
    drop.appendChild(all);
    header.appendChild(status);
    header.appendChild(drop);
    // The box is a combobox: it says whether its list is open, and which
    // element that list is.
    headerInput.setAttribute("role", "combobox");
    headerInput.setAttribute("aria-autocomplete", "list");
    headerInput.setAttribute("aria-controls", drop.id);
    headerInput.setAttribute("aria-expanded", "false");
    var shownFor = null;
    var show = function (open) {
      drop.hidden = !open;
      headerInput.setAttribute("aria-expanded", open ? "true" : "false");
    };
    // A list the reader closed (Esc, a click elsewhere) stays closed until
    // the query changes or arrow down opens it: results of a query still
    // under way, or of a pause in typing, must not open it again.
    var seq = 0, dismissed = false;
    drop.close = function () { dismissed = true; ++seq; show(false); };
    headerInput.addEventListener("input", function () { dismissed = false; });
    resultKeys(drop, headerInput);
    var run = function (blank) {
      var q = blank === true ? "" : headerInput.value, my = ++seq;
      if (!words(q).length) { show(false); dlist.textContent = ""; status.textContent = ""; shownFor = null; return; }
      search(q).then(function (found) {
        if (my !== seq) return;
        var fresh = el("ol", "search-results"), n = found.results.length;
        return renderResults(fresh, found, 0, 6, L, true).then(function () {
          if (my !== seq || dismissed) return;
          drop.replaceChild(fresh, dlist);
          dlist = fresh;
          status.textContent = n ? L("count", n, q) : L("none", 0, q);
          if (!n) dlist.appendChild(el("li", "search-none", L("none", 0, q)));
          all.hidden = n < 2;
          all.textContent = L("all", n, q);
          all.href = header.getAttribute("action") + "?q=" + encodeURIComponent(q);
          shownFor = q;
          show(true);
        });
      }).catch(function () { show(false); });
    };
    typing(headerInput, run, function (q) { return here(q, null, 6); });
    headerInput.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        // The first Esc closes the list and keeps the query: without
        // preventDefault the browser also empties a type=search box.
        if (!drop.hidden) { e.preventDefault(); drop.close(); }
        else if (headerInput.value) { e.preventDefault(); headerInput.value = ""; run(true); }
      } else if (e.key === "ArrowDown" && drop.hidden && words(headerInput.value).length) {
        // Arrow down opens a closed list again, as in any combobox.
        e.preventDefault();
        dismissed = false;
        if (shownFor === headerInput.value) show(true); else run();
      }
    });
    document.addEventListener("click", function (e) { if (!header.contains(e.target)) drop.close(); });
  }
  if (onPage) searchPage(onPage);

  function searchPage(page) {
    var L = labels(page);
    var form = page.querySelector("form"), input = document.getElementById("search-page-q");
    var list = document.getElementById("search-results"), status = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    var boxes = Array.prototype.slice.call(page.querySelectorAll("input[name=kind]"));
    fixForm(form);
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    // A query that was sent (from the URL, or with Enter) is whole: its
    // last word is not matched as the start of longer ones, as it is while
    // it is being typed.
    var whole = !!input.value;
    input.addEventListener("input", function () { whole = false; });
    var chosen = params.getAll("kind");
    if (chosen.length) boxes.forEach(function (b) { b.checked = chosen.indexOf(b.value) >= 0; });
    var seq = 0, shown = 0, found = null;
    function kinds() {
      var k = {}, all = true;
      boxes.forEach(function (b) { if (b.checked) k[b.value] = 1; else all = false; });
      return all ? null : k;
    }
    // show appends results up to n to into (the list, or a new list that
    // takes the list's place when it is done).
    function show(n, into) {
      var my = seq, from = shown;
      shown = Math.min(n, found.results.length);
      return renderResults(into || list, found, from, shown, L, false).then(function () {
        if (my !== seq) return;
        if (into) { list.textContent = ""; while (into.firstChild) list.appendChild(into.firstChild); }
        more.hidden = shown >= found.results.length;
      });
    }
    // run searches for the box's query. The results on screen stay until
    // the new ones are ready, so typing does not make the list flicker.
    function run(blank) {
      var q = blank === true ? "" : input.value, my = ++seq;
      if (!words(q).length) {
        list.textContent = ""; shown = 0; more.hidden = true;
        status.textContent = q.trim() ? L("none", 0, q) : "";
        return Promise.resolve();
      }
      return search(whole ? q + " " : q, kinds()).then(function (f) {
        if (my !== seq) return;
        found = f; shown = 0;
        return show(10, document.createElement("ol")).then(function () {
          if (my === seq) status.textContent = f.results.length ? L("count", f.results.length, q) : L("none", 0, q);
        });
      }).catch(function () { if (my === seq) status.textContent = L("error", 0, q); });
    }
    api.run = run;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var u = new URLSearchParams();
      u.set("q", input.value);
      if (history.replaceState) history.replaceState(null, "", "?" + u.toString());
      whole = true;
      run();
    });
    typing(input, run, function (q) { return here(q, kinds(), 10); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); input.value = ""; run(); }
    });
    boxes.forEach(function (b) { b.addEventListener("change", function () { run(); }); });
    more.addEventListener("click", function () { show(shown + 10); });
    resultKeys(list, input);
    page.setAttribute("data-ready", "");
    if (input.value) run(); else input.focus();
  }
})();
