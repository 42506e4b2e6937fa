// handbook search: the search box of every page. It reads the static index
// under search/ (built by generator/search) a shard at a time, and ranks
// with a port of the same Go code: the stemmer, the tokenizer and the
// integer scoring are kept line for line alike, and the browser tests check
// that both give the same stems and the same first results. Without this
// script the box stays hidden. docs/search.md describes the index.
(function () {
  "use strict";

  // Numbers shared with generator/search (search.go, tokenize.go).
  var W_EXACT = 10, W_PREFIX = 6, W_FUZZY = 4;
  var SCORE_TITLE_TOP = 40, SCORE_TITLE = 30, SCORE_HEADING = 25, HEADING_FLAG = 16;
  var SCORE_TITLE_EXACT = 40, SCORE_HEADING_EXACT = 25, FIELD_TIE = 8;
  var MAX_PREFIX_TERMS = 8, MAX_FUZZY_TERMS = 4, MAX_PREFIX_SHARDS = 2, MIN_PREFIX_RUNES = 3, MIN_FUZZY_RUNES = 5;
  var MAX_QUERY_RUNES = 256, MAX_QUERY_WORDS = 8, MAX_WORD_RUNES = 40, MAX_COMPOUND = 4, MAX_TEXT_RUNES = 300;
  var SCORE_TOPIC = SCORE_HEADING;
  var SNIPPET_RUNES = 180, SNIPPET_BEFORE = 50, VERSION = 4, LIMIT = 10;

  // ---- Porter2 stemmer: a port of stem.go ----

  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var INVARIANT = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
  var STEP1A = ["sses", "ied", "ies", "us", "ss", "s"];
  var STEP1B = ["eed", "eedly", "ed", "edly", "ing", "ingly"];
  var STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent",
    izer: "ize", ization: "ize", ational: "ate", ation: "ate", ator: "ate",
    alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous", ousness: "ous",
    iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
    "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

  function isVowel(c) { return "aeiouy".indexOf(c) >= 0; }
  function endsWith(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  function longest(w, list) {
    var best = "";
    for (var i = 0; i < list.length; i++) if (list[i].length > best.length && endsWith(w, list[i])) best = list[i];
    return best;
  }
  function containsVowel(w) {
    for (var i = 0; i < w.length; i++) if (isVowel(w[i])) return true;
    return false;
  }
  function isDouble(w) {
    var n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && "bdfgmnprt".indexOf(w[n - 1]) >= 0;
  }
  function endsShortSyllable(w) {
    var n = w.length;
    if (n === 2) return isVowel(w[0]) && !isVowel(w[1]);
    if (n < 3) return false;
    var c = w[n - 1];
    return !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(c) && c !== "w" && c !== "x" && c !== "Y";
  }
  function nextRegion(w, from) {
    for (var i = from + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    return w.length;
  }

  function stem(word) {
    if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    var w = "";
    for (var i = 0; i < word.length; i++) w += word[i] === "y" && (i === 0 || isVowel(word[i - 1])) ? "Y" : word[i];
    var r1;
    if (w.indexOf("gener") === 0 || w.indexOf("arsen") === 0) r1 = 5;
    else if (w.indexOf("commun") === 0) r1 = 6;
    else r1 = nextRegion(w, 0);
    var r2 = nextRegion(w, r1);
    var s, base;

    // Step 1a.
    switch (longest(w, STEP1A)) {
      case "sses": w = w.slice(0, -2); break;
      case "ied": case "ies": w = w.length > 4 ? w.slice(0, -3) + "i" : w.slice(0, -3) + "ie"; break;
      case "s": if (containsVowel(w.slice(0, -2))) w = w.slice(0, -1); break;
    }
    if (INVARIANT[w]) return w;

    // Step 1b.
    s = longest(w, STEP1B);
    if (s === "eed" || s === "eedly") {
      if (w.length - s.length >= r1) w = w.slice(0, w.length - s.length) + "ee";
    } else if (s !== "") {
      base = w.slice(0, w.length - s.length);
      if (containsVowel(base)) {
        w = base;
        if (endsWith(w, "at") || endsWith(w, "bl") || endsWith(w, "iz")) w += "e";
        else if (isDouble(w)) w = w.slice(0, -1);
        else if (r1 >= w.length && endsShortSyllable(w)) w += "e";
      }
    }

    // Step 1c.
    var n = w.length;
    if (n > 2 && (w[n - 1] === "y" || w[n - 1] === "Y") && !isVowel(w[n - 2])) w = w.slice(0, -1) + "i";

    // Step 2.
    s = longest(w, Object.keys(STEP2));
    if (s !== "" && w.length - s.length >= r1) {
      base = w.slice(0, w.length - s.length);
      var ok = true;
      if (s === "ogi") ok = endsWith(base, "l");
      if (s === "li") ok = base.length > 0 && "cdeghkmnrt".indexOf(base[base.length - 1]) >= 0;
      if (ok) w = base + STEP2[s];
    }

    // Step 3.
    s = longest(w, Object.keys(STEP3));
    if (s !== "" && w.length - s.length >= r1 && !(s === "ative" && w.length - s.length < r2)) {
      w = w.slice(0, w.length - s.length) + STEP3[s];
    }

    // Step 4.
    s = longest(w, STEP4);
    if (s !== "" && w.length - s.length >= r2) {
      base = w.slice(0, w.length - s.length);
      if (s !== "ion" || endsWith(base, "s") || endsWith(base, "t")) w = base;
    }

    // Step 5.
    n = w.length;
    if (n > 0 && w[n - 1] === "e") {
      if (n - 1 >= r2 || (n - 1 >= r1 && !endsShortSyllable(w.slice(0, -1)))) w = w.slice(0, -1);
    } else if (n > 1 && w[n - 1] === "l" && w[n - 2] === "l" && n - 1 >= r2) {
      w = w.slice(0, -1);
    }
    return w.toLowerCase();
  }

  // wordBase is Base in stem.go: the Porter2 stem with the derivational
  // endings it leaves apart brought together (decis → decid).
  function wordBase(word) { return conflate(stem(word)); }
  function conflate(s) {
    var n = s.length;
    if (n < 5 || !/^[a-z]+$/.test(s)) return s;
    if (s[n - 1] === "s" && "aeiou".indexOf(s[n - 2]) >= 0) return s.slice(0, -1) + "d";
    if (n >= 6 && endsWith(s, "iss")) return s.slice(0, -2) + "t";
    if (endsWith(s, "ript")) return s.slice(0, -2) + "b";
    if (endsWith(s, "umpt")) return s.slice(0, -2);
    if (endsWith(s, "uct")) return s.slice(0, -1);
    if (endsWith(s, "ceiv")) return s.slice(0, -2) + "pt";
    if (endsWith(s, "olut")) return s.slice(0, -2) + "v";
    return s;
  }

  // ---- Tokenizer: a port of tokenize.go ----

  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\u3005]/u;
  var WORD = /[\p{L}\p{Nd}\p{M}]/u;
  function isCJK(ch) { return CJK.test(ch); }
  function isWordRune(ch) { return WORD.test(ch); }
  function isApostrophe(ch) { return ch === "'" || ch === "\u2019"; }
  function isHyphen(ch) { return ch === "-" || ch === "\u2010" || ch === "\u2011"; }
  function charAt(s, i) { var c = s.codePointAt(i); return c === undefined ? "" : String.fromCodePoint(c); }
  function isWordAt(s, i) { var ch = charAt(s, i); return ch !== "" && isWordRune(ch) && !isCJK(ch); }

  function fold(s) {
    s = s.toLowerCase().normalize("NFD").replace(/[\p{M}'\u2019]/gu, "");
    var cps = Array.from(s);
    return cps.length > MAX_WORD_RUNES ? cps.slice(0, MAX_WORD_RUNES).join("") : s;
  }

  // tokens calls emit({word, start, end, compound, cjk}) for every word of
  // text; start and end are UTF-16 offsets.
  function tokens(text, emit) {
    for (var i = 0; i < text.length;) {
      var ch = charAt(text, i);
      if (isCJK(ch)) i = cjkRun(text, i, emit);
      else if (isWordRune(ch)) i = wordGroup(text, i, emit);
      else i += ch.length;
    }
  }
  function cjkRun(text, i, emit) {
    var starts = [];
    while (i < text.length) {
      var ch = charAt(text, i);
      if (!isCJK(ch)) break;
      starts.push(i);
      i += ch.length;
    }
    starts.push(i);
    if (starts.length === 2) emit({ word: text.slice(starts[0], i), start: starts[0], end: i, cjk: true });
    for (var k = 0; k + 2 < starts.length; k++) {
      emit({ word: text.slice(starts[k], starts[k + 2]), start: starts[k], end: starts[k + 2], cjk: true });
    }
    return i;
  }
  function wordGroup(text, i, emit) {
    var parts = [];
    for (;;) {
      var start = i;
      while (i < text.length) {
        var ch = charAt(text, i);
        if (isWordRune(ch) && !isCJK(ch)) { i += ch.length; continue; }
        if (isApostrophe(ch) && i > start && isWordAt(text, i + ch.length)) { i += ch.length; continue; }
        break;
      }
      parts.push([start, i]);
      var h = charAt(text, i);
      if (i < text.length && isHyphen(h) && isWordAt(text, i + h.length)) { i += h.length; continue; }
      break;
    }
    var joined = "";
    parts.forEach(function (p) {
      var w = fold(text.slice(p[0], p[1]));
      joined += w;
      if (w !== "") emit({ word: w, start: p[0], end: p[1] });
    });
    if (parts.length > 1 && parts.length <= MAX_COMPOUND) {
      var c = fold(joined);
      if (c !== "") emit({ word: c, start: parts[0][0], end: parts[parts.length - 1][1], compound: true });
    }
    return i;
  }

  // indexTerm is the term a token is indexed under; null for a stop word.
  function indexTerm(t, stop) {
    if (t.cjk) return t.word;
    if (stop[t.word]) return null;
    return wordBase(t.word);
  }
  function terms(text, stop) {
    var out = [];
    tokens(text, function (t) { var term = indexTerm(t, stop || {}); if (term !== null) out.push(term); });
    return out;
  }

  function isQuote(ch) { return "\"\u201c\u201d\u201e\u00ab\u00bb".indexOf(ch) >= 0; }

  // queryTokens is queryTokens in tokenize.go: a hyphenated word is one
  // token (its parts in parts), each marked quoted after an odd number of
  // quotation marks.
  function queryTokens(q) {
    var toks = [];
    tokens(q, function (t) {
      t.parts = null;
      if (t.compound) {
        var ps = [];
        while (toks.length && toks[toks.length - 1].start >= t.start) ps.unshift(toks.pop().word);
        t.parts = ps;
      }
      toks.push(t);
    });
    var quotes = 0, k = 0;
    for (var i = 0; i < q.length;) {
      var ch = charAt(q, i);
      while (k < toks.length && toks[k].start <= i) toks[k++].quoted = quotes % 2 === 1;
      if (isQuote(ch)) quotes++;
      i += ch.length;
    }
    for (; k < toks.length; k++) toks[k].quoted = quotes % 2 === 1;
    return toks;
  }

  // askTopic is askTopic in ask.go, with the manifest's rules.
  function askTopic(toks, rules, stop) {
    function term(t) {
      if (t.cjk || t.compound || t.quoted) return "";
      return stop[t.word] ? t.word : wordBase(t.word);
    }
    for (var r = 0; r < rules.length; r++) {
      var rule = rules[r], next = rule.next || [];
      for (var i = 0; i < toks.length; i++) {
        if (rule.cue.indexOf(term(toks[i])) < 0) continue;
        var found = -1;
        for (var j = i + 1; j < toks.length && next.length; j++) {
          if (next.indexOf(term(toks[j])) >= 0) { found = j; break; }
          if (rule.adjacent) break;
        }
        if (next.length && found < 0) continue;
        var drop = null;
        if (rule.drop) {
          drop = toks.map(function () { return false; });
          drop[i] = true;
          if (found >= 0) drop[found] = true;
        }
        return { rule: rule, drop: drop };
      }
    }
    return { rule: null, drop: null };
  }

  // queryWords is queryWords in tokenize.go.
  function queryWords(toks, drop, stop) {
    var onlyStop = toks.every(function (t, i) { return (drop && drop[i]) || (!t.cjk && stop[t.word]); });
    var words = [], seen = {};
    toks.forEach(function (t, i) {
      if ((drop && drop[i]) || seen[t.word]) return;
      var w = { text: t.word, stem: t.word, prefix: !!t.prefix, cjk: !!t.cjk, stop: false, also: null, parts: t.parts || null };
      if (t.cjk) {
        // as it is
      } else if (stop[t.word] && (onlyStop || t.quoted)) {
        w.stem = "'" + t.word;
        w.stop = true;
      } else if (stop[t.word] && !t.prefix) {
        return;
      } else {
        w.stem = wordBase(t.word);
      }
      seen[t.word] = true;
      words.push(w);
    });
    return words;
  }

  // parse is Question: the words of a query and the topic it asks for.
  function parse(q, stop, rules) {
    stop = stop || {};
    var cps = Array.from(q);
    if (cps.length > MAX_QUERY_RUNES) q = cps.slice(0, MAX_QUERY_RUNES).join("");
    q = q.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "$1 ");
    var toks = queryTokens(q);
    var lastChar = cps.length ? Array.from(q).pop() : "";
    var typing = lastChar !== "" && (isWordRune(lastChar) || isCJK(lastChar));
    var n = toks.length;
    if (n && typing && toks[n - 1].end === q.length) toks[n - 1].prefix = true;
    var asked = askTopic(toks, rules || [], stop);
    var words = queryWords(toks, asked.drop, stop);
    if (!words.length && asked.drop) words = queryWords(toks, null, stop);
    words = words.slice(0, MAX_QUERY_WORDS);
    var rule = asked.rule;
    if (!rule) return { words: words, topic: "" };
    words.forEach(function (w) {
      if (!w.stop && !w.cjk && rule.same && rule.same.length && (rule.next || []).indexOf(w.stem) >= 0) {
        w.also = rule.same.filter(function (t) { return t !== w.stem; });
      }
    });
    return { words: words, topic: rule.topic };
  }
  function parseQuery(q, stop, rules) { return parse(q, stop, rules).words; }

  function runes(s) { return Array.from(s).length; }

  // withinOneEdit: one insertion, deletion, substitution or swap.
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var x = Array.from(a), y = Array.from(b), i = 0;
    if (x.length < y.length) { var t = x; x = y; y = t; }
    var rest = function (arr, from) { return arr.slice(from).join(""); };
    if (x.length === y.length) {
      while (i < x.length && x[i] === y[i]) i++;
      if (rest(x, i + 1) === rest(y, i + 1)) return true;
      return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && rest(x, i + 2) === rest(y, i + 2);
    }
    if (x.length - y.length === 1) {
      while (i < y.length && x[i] === y[i]) i++;
      return rest(x, i + 1) === rest(y, i);
    }
    return false;
  }

  // compare orders strings as Go does (by code point, not UTF-16 unit).
  function compare(a, b) {
    if (a === b) return 0;
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0) ? -1 : 1;
    }
    return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
  }

  // ---- The index: a port of searcher.go ----

  function runeKey(ch) {
    if (/^[a-z0-9]$/.test(ch)) return ch;
    var h = (ch.codePointAt(0) % 64).toString(16);
    return "_" + (h.length < 2 ? "0" + h : h);
  }
  function shardKey(term, depth) {
    var out = "";
    Array.from(term).forEach(function (ch) { if (depth > 0) { out += runeKey(ch); depth--; } });
    for (; depth > 0; depth--) out += "~";
    return out;
  }
  function keyDepth(k) {
    var d = 0;
    for (var i = 0; i < k.length; i++) { if (k[i] === "_") i += 2; d++; }
    return d;
  }

  // Index reads the files under base (a URL ending in "/") with fetch.
  function Index(base, fetcher) {
    this.base = base;
    this.fetcher = fetcher || function (url, init) {
      return fetch(url, init).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    };
    this.files = {}; // name → promise of its data
    this.done = {}; // name → data, once fetched
    this.dicts = {};
    this.ends = {}; // key → the stems of e/<key>.json
    this.topicRuns = null; // topics.json, once read
    this.fetched = [];
  }
  Index.prototype.open = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.fetcher(this.base + "manifest.json", { cache: "no-cache" }).then(function (m) {
        return self.adopt(m);
      });
      this.ready.catch(function () { self.ready = null; });
    }
    return this.ready;
  };
  // adopt takes m as the index's manifest.
  Index.prototype.adopt = function (m) {
    var self = this;
    if (m.version !== VERSION) throw new Error("search index version " + m.version + ", want " + VERSION);
    this.m = m;
    this.fetched.push("manifest.json");
    this.keys = {};
    m.dict.forEach(function (k) { self.keys[k] = keyDepth(k); });
    this.endKeys = {};
    (m.ends || []).forEach(function (k) { self.endKeys[k] = keyDepth(k); });
    this.stop = {};
    m.stop.forEach(function (w) { self.stop[w] = true; });
    this.ready = Promise.resolve(this);
    return this;
  };
  // latest reads the manifest again and resolves to this index when the
  // host still serves it, else to a new Index of the one it serves now (a
  // rebuild in handbook serve, a new deploy): files read under the old
  // manifest do not fit the new one.
  Index.prototype.latest = function () {
    var self = this;
    if (!this.m) return this.open();
    return this.fetcher(this.base + "manifest.json", { cache: "no-cache" }).then(function (m) {
      if (m.id === self.m.id) return self;
      return new Index(self.base, self.fetcher).adopt(m);
    });
  };
  Index.prototype.file = function (name) {
    var self = this;
    if (!this.files[name]) {
      this.files[name] = this.fetcher(this.base + name + "?v=" + this.m.id).then(function (data) {
        self.fetched.push(name);
        self.done[name] = data;
        return data;
      });
      this.files[name].catch(function () { delete self.files[name]; });
    }
    return this.files[name];
  };
  Index.prototype.shardFor = function (term) {
    for (var d = 1; d <= 3; d++) { var k = shardKey(term, d); if (this.keys[k] === d) return k; }
    return "";
  };
  Index.prototype.prefixShards = function (prefix) {
    var r = runes(prefix), self = this;
    return this.m.dict.filter(function (k) {
      var d = self.keys[k];
      return (r >= d && shardKey(prefix, d) === k) || (r < d && k.indexOf(shardKey(prefix, r)) === 0);
    });
  };
  // dictKeys lists the shards candidates() may read for word, but for
  // those of the stems a typo in its first letters may be meant for.
  Index.prototype.dictKeys = function (w) {
    var self = this, keys = [this.shardFor(w.stem)];
    (w.also || []).forEach(function (t) { keys.push(self.shardFor(t)); });
    if (w.prefix && (w.cjk || runes(w.text) >= MIN_PREFIX_RUNES)) {
      var ps = this.prefixShards(w.text);
      if (ps.length <= MAX_PREFIX_SHARDS) keys = keys.concat(ps);
    }
    if (fuzzy(w)) keys.push(this.shardFor(w.text));
    if (w.parts) partWords(w, this.stop).forEach(function (p) { keys = keys.concat(self.dictKeys(p)); });
    return keys.filter(function (k) { return k !== ""; });
  };
  function fuzzy(w) { return !w.cjk && !w.stop && runes(w.text) >= MIN_FUZZY_RUNES; }

  // The shards of stems by their ends (e/), for a typo in a word's first
  // letters: endShardFor, endStems and parseEnds in Go.
  function endKey(stem, depth) { return shardKey(Array.from(stem).reverse().join(""), depth); }
  function endFile(key) { return "e/" + (key || "_") + ".json"; }
  function parseEnds(s) {
    var out = [], prev = [], i = 0;
    function digit(k) { var c = s.charCodeAt(k); return c >= 48 && c <= 57; }
    while (i < s.length) {
      var k = 0;
      for (; i < s.length && digit(i); i++) k = k * 10 + s.charCodeAt(i) - 48;
      var j = i;
      while (j < s.length && !digit(j)) j++;
      var r = Array.from(s.slice(i, j)).concat(prev.slice(prev.length - Math.min(k, prev.length)));
      out.push(r.join(""));
      prev = r;
      i = j;
    }
    return out;
  }
  Index.prototype.endShardFor = function (stem) {
    for (var d = 0; d <= 3; d++) {
      var k = endKey(stem, d);
      if (Object.prototype.hasOwnProperty.call(this.endKeys, k) && this.endKeys[k] === d) return k;
    }
    return null;
  };
  Index.prototype.endStems = function (w) {
    var self = this, k = this.endShardFor(w.stem);
    if (k === null) return Promise.resolve([]);
    return this.file(endFile(k)).then(function (raw) {
      if (!self.ends[k]) self.ends[k] = parseEnds(raw.t || "");
      var end = endKey(w.stem, 3), out = [];
      self.ends[k].some(function (t) {
        if (endKey(t, 3) === end && (withinOneEdit(w.stem, t) || withinOneEdit(w.text, t))) out.push(t);
        return out.length === MAX_FUZZY_TERMS;
      });
      return out;
    });
  };
  Index.prototype.loadDict = function (key) {
    var self = this;
    if (key === "") return Promise.resolve(null);
    if (this.dicts[key]) return Promise.resolve(this.dicts[key]);
    return this.file("d/" + key + ".json").then(function (raw) {
      var d = { key: key, entries: [], byStem: new Map(), posts: [] };
      // A line per term, "stem idf word…", each word written as the
      // number of the stem's last characters it drops (none when left
      // out) and the characters it adds, after a "." when they start with
      // a digit: parseDictTerm in build.go.
      (raw.t ? raw.t.split("\n") : []).forEach(function (line, i) {
        var f = line.split(" "), stem = f[0], r = Array.from(stem), words = [];
        for (var k = 2; k < f.length; k++) {
          var m = /^[0-9]*/.exec(f[k])[0], drop = m ? parseInt(m, 10) : 0;
          var rest = f[k].slice(m.length);
          if (rest.charAt(0) === ".") rest = rest.slice(1);
          words.push(r.slice(0, Math.max(0, r.length - drop)).join("") + rest);
        }
        d.entries.push({ stem: stem, idf: f.length > 1 ? parseInt(f[1], 10) || 0 : 0, words: words });
        d.byStem.set(stem, i);
      });
      var start = 0;
      raw.p.forEach(function (n) { d.posts.push(start); start += n; });
      self.dicts[key] = d;
      return d;
    });
  };

  // candidates is the Go function of the same name, once the dictionary
  // shards of dictKeys are loaded: it resolves to the terms word matches.
  Index.prototype.candidates = function (w) {
    var self = this, out = [], seen = {};
    var d = this.dicts[this.shardFor(w.stem)];
    if (d && d.byStem.has(w.stem)) {
      out.push({ d: d, i: d.byStem.get(w.stem), weight: W_EXACT });
      seen[w.stem] = true;
    }
    (w.also || []).forEach(function (t) {
      var ad = self.dicts[self.shardFor(t)];
      if (ad && !seen[t] && ad.byStem.has(t)) {
        out.push({ d: ad, i: ad.byStem.get(t), weight: W_PREFIX });
        seen[t] = true;
      }
    });
    if (w.prefix && (w.cjk || runes(w.text) >= MIN_PREFIX_RUNES)) {
      var keys = this.prefixShards(w.text);
      if (keys.length <= MAX_PREFIX_SHARDS) {
        var list = [];
        keys.forEach(function (k) {
          var d = self.dicts[k];
          d.entries.forEach(function (t, i) {
            if (!seen[t.stem] && (t.stem.indexOf(w.text) === 0 || t.words.some(function (x) { return x.indexOf(w.text) === 0; }))) {
              list.push({ d: d, i: i, weight: W_PREFIX });
            }
          });
        });
        out = out.concat(best(list, MAX_PREFIX_TERMS, seen));
      }
    }
    if (out.length || !fuzzy(w)) return Promise.resolve(out);
    // The shard of the word's first letters...
    var fl = [], fd = this.dicts[this.shardFor(w.text)];
    if (fd) {
      fd.entries.forEach(function (t, i) {
        if (!seen[t.stem] && (withinOneEdit(w.text, t.stem) || withinOneEdit(w.stem, t.stem) ||
            t.words.some(function (x) { return withinOneEdit(w.text, x); }))) {
          fl.push({ d: fd, i: i, weight: W_FUZZY });
        }
      });
    }
    // ...and the stems that end as its stem does, for a typo in the first
    // letters.
    return this.endStems(w).then(function (stems) {
      return Promise.all(stems.map(function (t) { return self.loadDict(self.shardFor(t)); })).then(function () {
        stems.forEach(function (t) {
          var ed = self.dicts[self.shardFor(t)];
          if (ed && ed.byStem.has(t)) fl.push({ d: ed, i: ed.byStem.get(t), weight: W_FUZZY });
        });
        return out.concat(best(fl, MAX_FUZZY_TERMS, seen));
      });
    });
  };
  function term(c) { return c.d.entries[c.i]; }
  function best(list, n, seen) {
    list = list.map(function (c, k) { return [c, k]; });
    list.sort(function (a, b) {
      return (term(a[0]).idf - term(b[0]).idf) || compare(term(a[0]).stem, term(b[0]).stem) || (a[1] - b[1]);
    });
    var out = [];
    for (var k = 0; k < list.length && out.length < n; k++) {
      var c = list[k][0];
      if (!seen[term(c).stem]) { seen[term(c).stem] = true; out.push(c); }
    }
    return out;
  }
  function anyCandidate(cands, weight) { return cands.some(function (c) { return c.weight > weight; }); }
  function partWords(w, stop) {
    var out = [];
    w.parts.forEach(function (p, i) {
      var prefix = w.prefix && i === w.parts.length - 1;
      if (stop[p] && !prefix) return;
      out.push({ text: p, stem: wordBase(p), prefix: prefix, cjk: false, stop: false, also: null, parts: null });
    });
    return out;
  }
  Index.prototype.postingFile = function (c) {
    var n = 0;
    c.d.posts.forEach(function (start, k) { if (start <= c.i) n = k; });
    return "p/" + c.d.key + "-" + n + ".json";
  };
  Index.prototype.postings = function (c, shard) {
    var n = 0;
    c.d.posts.forEach(function (start, k) { if (start <= c.i) n = k; });
    var e = shard.t[c.i - c.d.posts[n]];
    var ids = [], values = [], titles = [], id = 0, first = 0, k;
    // The sections as parseSections in build.go reads them: a gap in
    // digits (1 when none), an upper-case letter for a heading's size,
    // a lower-case letter for the text weight.
    var s = e[0], gap = 0, digits = false, head = 0;
    for (k = 0; k < s.length; k++) {
      var ch = s.charCodeAt(k);
      if (ch >= 48 && ch <= 57) { gap = gap * 10 + ch - 48; digits = true; }
      else if (ch >= 65 && ch <= 90) head = HEADING_FLAG * (ch - 64);
      else if (ch >= 97 && ch <= 122) {
        id += digits ? gap : 1;
        ids.push(id); values.push(head + ch - 97);
        gap = 0; digits = false; head = 0;
      }
    }
    for (k = 0; k + 2 < e[1].length; k += 3) { first += e[1][k]; titles.push([first, e[1][k + 1], e[1][k + 2]]); }
    return { ids: ids, values: values, titles: titles };
  };
  function rangeOf(rs, id) {
    var lo = 0, hi = rs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (rs[mid][0] + rs[mid][1] <= id) lo = mid + 1; else hi = mid;
    }
    return lo < rs.length && rs[lo][0] <= id && id < rs[lo][0] + rs[lo][1] ? rs[lo] : null;
  }
  function scoreText(w) { return w <= 0 ? 0 : 8 + w; }
  // fieldScore is fieldScore in search.go: the best field counts
  // FIELD_TIE times, the others once.
  function fieldScore(title, heading, text) {
    var best = Math.max(title, heading, text);
    return FIELD_TIE * best + title + heading + text - best;
  }

  // search resolves to the results of query: [{url, page, section, kind,
  // snippet, highlights, matched, score}]. opt holds kind, track, level and
  // limit.
  Index.prototype.search = function (query, opt) {
    var self = this;
    opt = opt || {};
    return this.open().then(function () {
      var q = parse(query, self.stop, self.m.ask);
      var words = q.words;
      if (!words.length) return [];
      var keys = [];
      words.forEach(function (w) { keys = keys.concat(self.dictKeys(w)); });
      return Promise.all(keys.map(function (k) { return self.loadDict(k); })).then(function () {
        // Word by word: a hyphenated word whose joined form is not in the
        // index gives way to its parts.
        var cands = [];
        function next(i) {
          if (i >= words.length) return Promise.resolve();
          return self.candidates(words[i]).then(function (cs) {
            if (words[i].parts && !anyCandidate(cs, W_FUZZY)) {
              words = words.slice(0, i).concat(partWords(words[i], self.stop), words.slice(i + 1)).slice(0, MAX_QUERY_WORDS);
              return next(i);
            }
            cands.push(cs);
            return next(i + 1);
          });
        }
        return next(0).then(function () {
          var names = {}, loads = [];
          cands.forEach(function (cs) { cs.forEach(function (c) { names[self.postingFile(c)] = true; }); });
          loads = Object.keys(names).map(function (n) { return self.file(n); });
          var asked = q.topic && Object.prototype.hasOwnProperty.call(self.m.topics || {}, q.topic);
          if (asked) loads.push(self.loadTopics());
          return Promise.all(loads).then(function () {
            return self.rank(words, cands, opt, asked ? q.topic : "");
          });
        });
      });
    });
  };

  // loadTopics reads topics.json: each topic's sections as [first, count]
  // runs (topicRuns in Go).
  Index.prototype.loadTopics = function () {
    var self = this;
    if (this.topicRuns) return Promise.resolve(this.topicRuns);
    return this.file("topics.json").then(function (raw) {
      var out = {};
      Object.keys(raw).forEach(function (t) {
        var end = 0, runs = [], flat = raw[t];
        for (var k = 0; k + 1 < flat.length; k += 2) {
          var first = end + flat[k];
          runs.push([first, flat[k + 1]]);
          end = first + flat[k + 1];
        }
        out[t] = runs;
      });
      self.topicRuns = out;
      return out;
    });
  };

  // rank scores and orders the sections, then loads what results show.
  Index.prototype.rank = function (words, cands, opt, topic) {
    var self = this, limit = Math.min(opt.limit > 0 ? opt.limit : LIMIT, 100);
    // The postings of every candidate, and how many words match each
    // section's heading and each page's title (by its first section).
    var posts = [], highlight = {};
    var headWords = new Map(), titleWords = new Map(), headSize = new Map(), titleSize = new Map();
    words.forEach(function (w, i) {
      var heads = new Set(), titles = new Set();
      posts[i] = [];
      cands[i].forEach(function (c) {
        highlight[term(c).stem] = true;
        var p = self.postings(c, self.done[self.postingFile(c)]);
        p.mult = c.weight * term(c).idf;
        posts[i].push(p);
        for (var k = 0; k < p.ids.length; k++) {
          if (p.values[k] >= HEADING_FLAG) {
            heads.add(p.ids[k]);
            headSize.set(p.ids[k], Math.floor(p.values[k] / HEADING_FLAG));
          }
        }
        p.titles.forEach(function (r) { titles.add(r[0]); titleSize.set(r[0], r[2]); });
      });
      heads.forEach(function (id) { headWords.set(id, (headWords.get(id) || 0) + 1); });
      titles.forEach(function (id) { titleWords.set(id, (titleWords.get(id) || 0) + 1); });
    });
    // Exact matches, and how many fields share their bonus.
    function exact(n, size) { return n === words.length && n >= size; }
    var exactHeads = 0, exactTitles = 0;
    headWords.forEach(function (n, id) { if (exact(n, headSize.get(id))) exactHeads++; });
    titleWords.forEach(function (n, id) { if (exact(n, titleSize.get(id))) exactTitles++; });
    function titleField(r, id) {
      if (id !== r[0]) return SCORE_TITLE;
      if (exact(titleWords.get(r[0]), r[2])) return SCORE_TITLE_TOP + Math.floor(SCORE_TITLE_EXACT / exactTitles);
      return SCORE_TITLE_TOP;
    }
    var bests = [];
    words.forEach(function (w, i) {
      var bestOf = new Map();
      function put(id, v) { if (v > (bestOf.get(id) || 0)) bestOf.set(id, v); }
      posts[i].forEach(function (p) {
        for (var k = 0; k < p.ids.length; k++) {
          var id = p.ids[k], v = p.values[k], head = 0, title = 0;
          if (v >= HEADING_FLAG) {
            head = SCORE_HEADING;
            if (exact(headWords.get(id), Math.floor(v / HEADING_FLAG))) head += Math.floor(SCORE_HEADING_EXACT / exactHeads);
          }
          var r = rangeOf(p.titles, id);
          if (r) title = titleField(r, id);
          put(id, p.mult * fieldScore(title, head, scoreText(v % HEADING_FLAG)));
        }
        p.titles.forEach(function (r) { put(r[0], p.mult * fieldScore(titleField(r, r[0]), 0, 0)); });
      });
      bests[i] = bestOf;
    });
    // The sections of the topic a question asks for count as matching one
    // more word, found in their heading.
    var topicRuns = topic ? this.topicRuns[topic] || [] : [];
    var topicScore = topic ? W_EXACT * this.m.topics[topic] * fieldScore(0, SCORE_TOPIC, 0) : 0;
    var union = new Set();
    bests.forEach(function (b) { b.forEach(function (_, id) { union.add(id); }); });
    // The sections of the topic on a page whose title holds a word match it.
    if (topicRuns.length) {
      posts.forEach(function (ps) {
        ps.forEach(function (p) {
          p.titles.forEach(function (r) {
            var end = r[0] + r[1], lo = 0, hi = topicRuns.length;
            while (lo < hi) { // the first run that ends after the page's first section
              var mid = (lo + hi) >> 1;
              if (topicRuns[mid][0] + topicRuns[mid][1] <= r[0]) lo = mid + 1; else hi = mid;
            }
            for (var k = lo; k < topicRuns.length && topicRuns[k][0] < end; k++) {
              var run = topicRuns[k];
              for (var id = Math.max(r[0], run[0]); id < Math.min(end, run[0] + run[1]); id++) union.add(id);
            }
          });
        });
      });
    }
    var hits = [];
    union.forEach(function (id) {
      if (!self.passes(id, opt)) return;
      var h = { id: id, matched: 0, rank: 0, score: 0 };
      bests.forEach(function (b, i) {
        var v = b.get(id);
        if (v === undefined) {
          // The page title may hold the word the section lacks.
          v = 0;
          posts[i].forEach(function (p) {
            var r = rangeOf(p.titles, id);
            if (r) v = Math.max(v, p.mult * fieldScore(titleField(r, id), 0, 0));
          });
        }
        if (v > 0) { h.matched++; h.score += v; }
      });
      h.rank = h.matched;
      if (h.matched > 0 && rangeOf(topicRuns, id)) { h.rank++; h.score += topicScore; }
      h.score = Math.floor(h.score * self.boost(id) / 100);
      hits.push(h);
    });
    hits.sort(function (a, b) { return (b.rank - a.rank) || (b.score - a.score) || (a.id - b.id); });
    hits = hits.slice(0, limit);
    var chunks = {};
    hits.forEach(function (h) { chunks[Math.floor(h.id / self.m.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (n) { return self.file("s/" + n + ".json"); })).then(function () {
      return hits.map(function (h) { return self.result(h, highlight); });
    });
  };
  Index.prototype.passes = function (id, opt) {
    var f = this.m.filters || {};
    return ["kind", "track", "level"].every(function (field) {
      var want = opt[field];
      if (!want) return true;
      return !!rangeOf((f[field] || {})[want] || [], id);
    });
  };
  Index.prototype.boost = function (id) {
    var bs = this.m.boost || [];
    for (var i = 0; i < bs.length; i++) if (bs[i][0] <= id && id < bs[i][0] + bs[i][1]) return bs[i][2];
    return 100;
  };
  Index.prototype.result = function (h, highlight) {
    var n = Math.floor(h.id / this.m.chunk);
    var c = this.done["s/" + n + ".json"];
    var k = h.id - n * this.m.chunk, sec = c.s[k], p = c.p[sec[0]];
    var snip = snippet(sec[3] === "" ? composeText(c.s, k) : sec[3], highlight, this.stop);
    return {
      url: p[0] + (sec[1] ? "#" + sec[1] : ""), page: p[1], kind: p[2], section: sec[2],
      snippet: snip.text, highlights: snip.highlights, matched: h.matched, score: h.score
    };
  };
  // composeText is composeText in build.go: the text of a section stored
  // without text, from its subsections in the same file.
  function composeText(secs, k) {
    var head = secs[k][2];
    if (!head) return "";
    var prefix = head + " › ", s = "";
    for (var j = k + 1; j < secs.length && secs[j][2].indexOf(prefix) === 0; j++) {
      if (s) s += " ";
      s += secs[j][2].slice(prefix.length) + ": " + secs[j][3];
      if (runes(s) > MAX_TEXT_RUNES) break;
    }
    var r = Array.from(s);
    if (r.length <= MAX_TEXT_RUNES) return s;
    r = r.slice(0, MAX_TEXT_RUNES);
    for (var i = r.length - 1; i > Math.floor(MAX_TEXT_RUNES * 3 / 4); i--) {
      if (r[i] === " ") { r = r.slice(0, i); break; }
    }
    return r.join("") + "…";
  }

  // snippet is Snippet: a piece of text around the first match, and the
  // UTF-16 ranges of the matches in it.
  function snippet(text, highlight, stop) {
    var spans = [];
    tokens(text, function (t) {
      var term = indexTerm(t, stop);
      if (term !== null && highlight[term]) spans.push([t.start, t.end]);
    });
    spans.sort(function (a, b) { return (a[0] - b[0]) || (a[1] - b[1]); });
    var marks = [];
    spans.forEach(function (sp) {
      var k = marks.length - 1;
      if (k >= 0 && sp[0] <= marks[k][1]) marks[k][1] = Math.max(marks[k][1], sp[1]);
      else marks.push(sp);
    });
    var start = 0, n;
    if (marks.length) {
      start = marks[0][0];
      for (n = 0; n < SNIPPET_BEFORE && start > 0; n++) start -= /[\uDC00-\uDFFF]/.test(text[start - 1]) && start > 1 ? 2 : 1;
      if (start > 0) {
        var sp = text.slice(start, marks[0][0]).indexOf(" ");
        if (sp >= 0) start += sp + 1;
      }
    }
    var end = start;
    for (n = 0; n < SNIPPET_RUNES && end < text.length; n++) end += charAt(text, end).length || 1;
    if (end < text.length) {
      var last = text.slice(start, end).lastIndexOf(" ");
      if (last > 0) end = start + last;
    }
    var prefix = start > 0 ? "…" : "";
    var body = text.slice(start, end);
    var suffix = end < text.length && body.slice(-1) !== "…" ? "…" : "";
    var hs = [];
    marks.forEach(function (m) {
      if (m[0] >= start && m[1] <= end) hs.push([m[0] - start + prefix.length, m[1] - start + prefix.length]);
    });
    return { text: prefix + body + suffix, highlights: hs };
  }

  var api = {
    stem: stem, base: wordBase, terms: terms, fold: fold, parseQuery: parseQuery, parse: parse, withinOneEdit: withinOneEdit,
    Index: Index, snippet: snippet
  };
  window.handbookSearch = api;

  // ---- The search box: the ARIA combobox pattern, with a grid popup ----
  //
  // The input keeps the focus and points with aria-activedescendant at the
  // chosen cell of the grid of results. Each row is a result: a real link
  // to its section (middle-click, open in a new tab, copy its address),
  // then a button that copies the section's absolute URL. The links and
  // buttons are out of the Tab order: the arrows reach them.

  var box = document.querySelector(".search[data-search-index]");
  if (!box || !window.fetch || !window.Promise) return;
  var input = box.querySelector("input");
  var panel = box.querySelector(".search-panel");
  var list = box.querySelector("[role=grid]");
  var status = box.querySelector(".search-status");
  var filterRow = box.querySelector(".search-filters");
  var base = new URL(box.getAttribute("data-search-index"), location.href).href;
  var root = new URL("../", base).href;
  var index = new Index(base);
  api.index = index;
  var results = [], active = -1, column = 0, seq = 0;
  var filters = { kind: "", track: "", level: "" };
  box.hidden = false;

  var KIND_LABELS = { role: "Roles", skill: "Skills", guide: "Guides", glossary: "Glossary", comparison: "Comparisons", page: "Other pages" };

  function fillFilters() {
    if (!filterRow || !index.m) return;
    var any = false;
    filterRow.querySelectorAll("select[data-filter]").forEach(function (sel) {
      var field = sel.getAttribute("data-filter");
      var values = Object.keys((index.m.filters || {})[field] || {});
      if (field === "level") values.sort(function (a, b) { return Number(a) - Number(b) || compare(a, b); });
      else values.sort(compare);
      while (sel.options.length > 1) sel.remove(1);
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = field === "level" ? "Level " + v : field === "kind" ? (KIND_LABELS[v] || v) : v;
        sel.appendChild(o);
      });
      // A value chosen before a rebuild stays chosen while it exists.
      if (values.indexOf(filters[field]) < 0) filters[field] = "";
      sel.value = filters[field];
      sel.closest("label").hidden = values.length < 2;
      if (values.length >= 2) any = true;
    });
    filterRow.hidden = !any;
  }
  if (filterRow) {
    filterRow.addEventListener("change", function (e) {
      var f = e.target.getAttribute && e.target.getAttribute("data-filter");
      if (f) { filters[f] = e.target.value; run(); }
    });
  }

  function open(show) {
    panel.hidden = !show;
    input.setAttribute("aria-expanded", String(show));
    if (!show) setActive(-1);
  }
  function rows() { return list.querySelectorAll(".search-result"); }
  // setActive chooses row i (-1: none) and its cell col (0 the link, 1
  // the copy button).
  function setActive(i, col) {
    var rs = rows();
    if (active >= 0 && rs[active]) {
      rs[active].setAttribute("aria-selected", "false");
      rs[active].querySelectorAll(".is-active").forEach(function (c) { c.classList.remove("is-active"); });
    }
    active = i;
    column = col || 0;
    if (i >= 0 && rs[i]) {
      var cell = rs[i].children[column];
      rs[i].setAttribute("aria-selected", "true");
      cell.classList.add("is-active");
      input.setAttribute("aria-activedescendant", cell.id);
      rs[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function href(url) { return new URL(url.replace(/^\//, ""), root).href; }
  function say(text) { status.textContent = text; }
  function titleOf(r) { return r.section ? r.page + " › " + r.section : r.page; }

  // message shows a line of text in place of results.
  function message(text) {
    var row = document.createElement("div");
    row.className = "search-empty";
    row.setAttribute("role", "row");
    var cell = document.createElement("div");
    cell.setAttribute("role", "gridcell");
    cell.textContent = text;
    row.appendChild(cell);
    list.replaceChildren(row);
  }

  function render(rs, query) {
    results = rs;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var frag = document.createDocumentFragment();
    rs.forEach(function (r, i) {
      var row = document.createElement("div");
      row.className = "search-result";
      row.setAttribute("role", "row");
      row.setAttribute("aria-selected", "false");
      var cell = document.createElement("div");
      cell.id = "search-opt-" + i;
      cell.className = "search-cell";
      cell.setAttribute("role", "gridcell");
      var a = document.createElement("a");
      a.href = href(r.url);
      a.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "search-title";
      title.textContent = titleOf(r);
      a.appendChild(title);
      if (r.snippet) {
        var sn = document.createElement("span");
        sn.className = "search-snippet";
        var at = 0;
        r.highlights.forEach(function (h) {
          sn.appendChild(document.createTextNode(r.snippet.slice(at, h[0])));
          var mark = document.createElement("mark");
          mark.textContent = r.snippet.slice(h[0], h[1]);
          sn.appendChild(mark);
          at = h[1];
        });
        sn.appendChild(document.createTextNode(r.snippet.slice(at)));
        a.appendChild(sn);
      }
      cell.appendChild(a);
      var copyCell = document.createElement("div");
      copyCell.id = "search-opt-" + i + "-copy";
      copyCell.className = "search-cell search-copy-cell";
      copyCell.setAttribute("role", "gridcell");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "search-copy";
      button.tabIndex = -1;
      button.textContent = "Copy link";
      button.setAttribute("aria-label", "Copy link to " + titleOf(r));
      copyCell.appendChild(button);
      row.appendChild(cell);
      row.appendChild(copyCell);
      frag.appendChild(row);
    });
    list.replaceChildren(frag);
    if (!rs.length) message("No results for “" + query + "”");
    box.setAttribute("data-results", String(rs.length));
    box.setAttribute("data-query", query);
    say(rs.length === 1 ? "1 result" : rs.length ? rs.length + " results" : "No results");
    open(true);
  }

  // copy puts the absolute URL of result i on the clipboard, and says so.
  function copy(i) {
    var r = results[i], row = rows()[i];
    if (!r || !row) return;
    var url = href(r.url), button = row.querySelector(".search-copy");
    function done() {
      button.textContent = "Copied";
      button.classList.add("copied");
      say("Link copied: " + url);
      setTimeout(function () { button.textContent = "Copy link"; button.classList.remove("copied"); }, 1500);
    }
    function failed() {
      if (fallbackCopy(url)) done();
      else say("Could not copy the link: " + url);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, failed);
    else failed();
  }
  // fallbackCopy copies text where the Clipboard API is missing (a page
  // served over plain HTTP): through a selected text area, then gives the
  // focus back to the box.
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    box.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    input.focus(); // first: a focused element removed would close the list
    box.removeChild(area);
    return ok;
  }

  function filled() {
    if (!box.hasAttribute("data-filled")) { fillFilters(); box.setAttribute("data-filled", ""); }
  }

  // revalidate reads the manifest again (the box calls it when it gets the
  // focus, and when a search fails) and, when the index changed since it
  // was read, takes the new one and searches again: in handbook serve a
  // page left open finds what the last rebuild added. It resolves to
  // whether the index changed.
  var checking = null;
  function revalidate() {
    if (!index.m) return Promise.resolve(false);
    if (checking) return checking;
    var old = index;
    checking = old.latest().then(function (fresh) {
      checking = null;
      if (fresh === old || index !== old) return false;
      index = api.index = fresh;
      box.removeAttribute("data-filled");
      filled();
      if (input.value.trim()) run();
      return true;
    }, function () {
      checking = null;
      return false;
    });
    return checking;
  }

  // run searches for the input's text; a newer keystroke wins over an
  // older search still waiting for its files.
  function run() {
    var query = input.value;
    var mine = ++seq;
    if (!query.trim()) {
      list.replaceChildren();
      results = [];
      box.removeAttribute("data-results");
      box.removeAttribute("data-query");
      say("");
      open(false);
      return Promise.resolve();
    }
    var opt = { kind: filters.kind, track: filters.track, level: filters.level, limit: LIMIT };
    var from = index;
    return from.search(query, opt).then(function (rs) {
      if (mine !== seq) return;
      filled();
      render(rs, query);
    }, function () {
      if (mine !== seq) return;
      // The index may have been rebuilt under the manifest read: read it
      // again, and search again when it changed.
      return (from === index ? revalidate() : Promise.resolve(true)).then(function (changed) {
        if (changed || mine !== seq) return;
        unavailable();
      });
    });
  }
  function unavailable() {
    results = [];
    message("Search is not available: its index could not be loaded.");
    say("Search is not available");
    open(true);
  }
  api.run = function (q) { input.value = q; return run(); };

  // go opens result i, in a new tab when asked (Ctrl or ⌘, or Shift:
  // what they do on a link).
  function go(i, newTab) {
    var r = results[i];
    if (!r) return;
    var url = href(r.url);
    if (newTab) {
      window.open(url, "_blank", "noopener");
      return;
    }
    open(false);
    if (url === location.href) {
      var id = decodeURIComponent(new URL(url).hash.slice(1));
      var el = id && document.getElementById(id);
      if (el) el.scrollIntoView({ block: "start" });
      return;
    }
    location.href = url;
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", function () {
    if (index.m) revalidate();
    else index.open().then(filled, function () { /* reported on the first search */ });
    if (input.value.trim() && results.length) open(true);
  });
  input.addEventListener("keydown", function (e) {
    var n = results.length;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (panel.hidden && input.value.trim()) { open(true); return; }
        if (n) setActive(active < n - 1 ? active + 1 : 0, column);
        break;
      case "ArrowUp":
        e.preventDefault();
        if (n) setActive(active > 0 ? active - 1 : n - 1, column);
        break;
      case "ArrowRight":
      case "ArrowLeft":
        // Between a result's link and its copy button; with none chosen
        // the arrows move in the text.
        if (active < 0 || panel.hidden) return;
        e.preventDefault();
        setActive(active, e.key === "ArrowRight" ? 1 : 0);
        break;
      case "Enter":
        if (!n) return;
        e.preventDefault();
        if (active >= 0 && column === 1) copy(active);
        else go(active >= 0 ? active : 0, e.ctrlKey || e.metaKey || e.shiftKey);
        break;
      case "Escape":
        if (!panel.hidden) { e.preventDefault(); open(false); }
        else if (input.value) { e.preventDefault(); input.value = ""; run(); }
        break;
    }
  });
  // A click on a result must not move the focus from the input: not even
  // a middle click, which still opens the link in a new tab.
  list.addEventListener("mousedown", function (e) { if (e.button < 2) e.preventDefault(); });
  list.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest(".search-copy");
    if (button) {
      e.preventDefault();
      copy(Array.prototype.indexOf.call(rows(), button.closest(".search-result")));
      return;
    }
    // The link leads there itself; a plain click also closes the list.
    var a = e.target.closest && e.target.closest(".search-result a[href]");
    if (a && e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey) open(false);
  });
  box.addEventListener("focusout", function (e) {
    if (!box.contains(e.relatedTarget)) open(false);
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
    } else if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
