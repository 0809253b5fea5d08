// The case list and case detail of report.html. Every string from the run is written with textContent or as an
// attribute value set through the DOM, never parsed as markup: outputs and corpus fields are hostile input.
(function () {
  'use strict';

  // The case data is plain JSON, or for large runs gzip in base64, unpacked here without blocking the page.
  function loadCaseData(block) {
    if (block.getAttribute('data-encoding') !== 'gzip+base64') {
      return Promise.resolve(JSON.parse(block.textContent));
    }
    if (typeof DecompressionStream === 'undefined') {
      return Promise.reject(new Error('this browser cannot unpack the case list (it needs DecompressionStream:'
        + ' Chrome 80, Firefox 113, Safari 16.4 or later)'));
    }
    var binary = atob(block.textContent);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).json();
  }

  var block = document.getElementById('case-data');
  loadCaseData(block).then(function (data) {
    block.textContent = ''; // the packed text is no longer needed: let the browser free it
    start(data);
  }, function (error) {
    var status = document.getElementById('list-status');
    status.textContent = 'The interactive case list is not available: ' + error.message
      + '. The cases worth a look are listed above.';
    status.hidden = false;
  });

  function start(data) {
  var PAGE_SIZE = 100;
  var EXCERPT_CHARS = 120; // of the first repeat's output, in the list
  var DIFF_MAX_CELLS = 4000000; // word-diff table size beyond which both texts are shown without a diff
  var cases = data.cases;
  var byKey = Object.create(null);
  cases.forEach(function (c) { byKey[c.k] = c; });
  var state = { filter: 'all', tag: '', scorer: '', q: '', sort: 'run', page: 0 };
  var openCase = null;
  var defaultFilter = 'all';
  var matches = cases;
  var haystacks = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function statusText(st) {
    return { pass: '\u2714 pass', fail: '\u2716 fail', error: '\u26A0 error', flaky: '\u223F flaky' }[st] || st;
  }

  function changeText(ch) {
    return { regressed: '\u25BC regressed', fixed: '\u25B2 fixed', flaky: '\u223F flaky', 'new': 'new',
             unchanged: 'unchanged', none: '' }[ch] || ch;
  }

  function ms(v) { return v === null || v === undefined ? 'n/a' : (Math.round(v * 10) / 10) + ' ms'; }

  function matchesFilter(c) {
    switch (state.filter) {
      case 'notpassing': return c.st !== 'pass';
      case 'regressed': return c.ch === 'regressed';
      case 'fixed': return c.ch === 'fixed';
      case 'new': return c.ch === 'new';
      case 'flaky': return c.st === 'flaky' || c.ch === 'flaky';
      case 'failed': return c.st === 'fail';
      case 'errored': return c.st === 'error';
      case 'passed': return c.st === 'pass';
      case 'adversarial': return c.adv;
      default: return true;
    }
  }

  function haystack(i) {
    if (haystacks === null) { haystacks = new Array(cases.length); }
    if (haystacks[i] === undefined) {
      var c = cases[i];
      var parts = [c.k, c.tags.join(' '), c.prompt];
      c.reps.forEach(function (r) { parts.push(r.out); if (r.err) { parts.push(r.err); } });
      haystacks[i] = parts.join('\n').toLowerCase();
    }
    return haystacks[i];
  }

  function applyFilters() {
    var started = performance.now();
    var q = state.q.toLowerCase();
    matches = [];
    for (var i = 0; i < cases.length; i++) {
      var c = cases[i];
      if (!matchesFilter(c)) { continue; }
      if (state.tag && c.tags.indexOf(state.tag) < 0) { continue; }
      if (state.scorer && c.failed.indexOf(state.scorer) < 0) { continue; }
      if (q && haystack(i).indexOf(q) < 0) { continue; }
      matches.push(c);
    }
    sortMatches();
    state.page = 0;
    renderList();
    writeHash();
    // How long the last filter took, readable by tools that check the page stays responsive on large runs.
    document.documentElement.setAttribute('data-filter-ms', String(Math.round(performance.now() - started)));
  }

  function sortMatches() {
    var by = {
      failed: function (a, b) { return b.failed.length - a.failed.length; },
      slow: function (a, b) { return b.lat - a.lat; },
      key: function (a, b) { return a.k < b.k ? -1 : a.k > b.k ? 1 : 0; }
    }[state.sort];
    if (by) { matches.sort(by); } // Array.prototype.sort is stable, so ties keep the run's order
  }

  function renderList() {
    var body = document.getElementById('case-rows');
    var pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    var start = state.page * PAGE_SIZE;
    var slice = matches.slice(start, start + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    slice.forEach(function (c) {
      var tr = el('tr');
      tr.setAttribute('data-key', c.k);
      var key = el('td', 'key');
      var link = el('a', null, c.k);
      link.setAttribute('href', '#case=' + encodeURIComponent(c.k));
      key.appendChild(link);
      tr.appendChild(key);
      var st = el('td');
      var passed = c.reps.filter(function (r) { return r.ok; }).length;
      st.appendChild(el('span', 'badge st-' + c.st,
        statusText(c.st) + (c.reps.length > 1 ? ' ' + passed + '/' + c.reps.length : '')));
      tr.appendChild(st);
      if (data.hasBaseline) {
        var ch = el('td');
        ch.appendChild(el('span', 'ch-' + c.ch, changeText(c.ch) + (c.bst ? ' (was ' + c.bst + ')' : '')));
        tr.appendChild(ch);
      }
      tr.appendChild(el('td', null, c.failed.join(', ')));
      var first = c.reps[0];
      tr.appendChild(el('td', 'excerpt', first.err ? 'error: ' + first.err : first.out.slice(0, EXCERPT_CHARS)));
      var tags = el('td');
      c.tags.forEach(function (t) { tags.appendChild(el('span', 'tag', t)); });
      tr.appendChild(tags);
      tr.appendChild(el('td', null, ms(c.lat)));
      fragment.appendChild(tr);
    });
    body.textContent = '';
    body.appendChild(fragment);
    document.getElementById('list-status').textContent = matches.length === 0
      ? 'No case matches these filters.'
      : 'Showing ' + (start + 1) + '\u2013' + (start + slice.length) + ' of ' + matches.length + ' matching cases ('
        + cases.length + ' in the run).';
    document.getElementById('page-info').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    document.getElementById('prev').disabled = state.page === 0;
    document.getElementById('next').disabled = state.page >= pages - 1;
    var buttons = document.querySelectorAll('.counts button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].classList.toggle('active', buttons[i].getAttribute('data-filter') === state.filter);
    }
  }

  // Word diff: longest common subsequence over words and whitespace runs, in typed arrays.
  function tokens(text) { return text.match(/\s+|[^\s]+/g) || []; }

  function wordDiff(a, b) {
    var x = tokens(a);
    var y = tokens(b);
    // Outputs of two versions usually share a beginning and an end: only the middle needs the quadratic table.
    var head = 0;
    while (head < x.length && head < y.length && x[head] === y[head]) { head++; }
    var tail = 0;
    while (tail < x.length - head && tail < y.length - head
           && x[x.length - 1 - tail] === y[y.length - 1 - tail]) { tail++; }
    var ops = [];
    for (var h = 0; h < head; h++) { ops.push(['=', x[h]]); }
    var xs = x.slice(head, x.length - tail);
    var ys = y.slice(head, y.length - tail);
    var n = xs.length;
    var m = ys.length;
    if ((n + 1) * (m + 1) > DIFF_MAX_CELLS) { return null; }
    var w = m + 1;
    var table = new Uint32Array((n + 1) * w);
    for (var i = n - 1; i >= 0; i--) {
      for (var j = m - 1; j >= 0; j--) {
        table[i * w + j] = xs[i] === ys[j] ? table[(i + 1) * w + j + 1] + 1
          : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
      }
    }
    i = 0; j = 0;
    while (i < n && j < m) {
      if (xs[i] === ys[j]) { ops.push(['=', xs[i]]); i++; j++; }
      else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) { ops.push(['-', xs[i]]); i++; }
      else { ops.push(['+', ys[j]]); j++; }
    }
    while (i < n) { ops.push(['-', xs[i++]]); }
    while (j < m) { ops.push(['+', ys[j++]]); }
    for (var t = x.length - tail; t < x.length; t++) { ops.push(['=', x[t]]); }
    return ops;
  }

  function diffPre(ops, keep) {
    var pre = el('pre', 'text');
    var run = '';
    var runOp = null;
    function flush() {
      if (run === '') { return; }
      pre.appendChild(runOp === '=' ? document.createTextNode(run) : el(runOp === '+' ? 'ins' : 'del', null, run));
      run = '';
    }
    ops.forEach(function (op) {
      if (op[0] !== '=' && op[0] !== keep) { return; }
      if (op[0] !== runOp) { flush(); runOp = op[0]; }
      run += op[1];
    });
    flush();
    return pre;
  }

  function outputBlock(title, r) {
    var side = el('div', 'side');
    side.appendChild(el('h4', null, title));
    if (r.err) { side.appendChild(el('p', 'error', 'error: ' + r.err)); }
    side.appendChild(el('pre', 'text', r.out));
    side.appendChild(truncationNote(r));
    return side;
  }

  function truncationNote(r) {
    var shown = r.out.length;
    var text = '';
    if (r.len > shown) { text = 'showing the first ' + shown + ' of ' + r.len + ' characters'; }
    if (r.trunc) { text += (text ? '; ' : '') + 'the engine kept only the first part of a longer output'; }
    return el('p', 'note', text);
  }

  function sideBySide(base, cand) {
    var wrap = el('div', 'sides');
    var ops = base && !base.err && !cand.err ? wordDiff(base.out, cand.out) : null;
    if (!base) {
      wrap.className = 'sides single';
      wrap.appendChild(outputBlock('candidate output', cand));
      return wrap;
    }
    if (ops === null) {
      wrap.appendChild(outputBlock('baseline output (repeat ' + base.r + ')', base));
      wrap.appendChild(outputBlock('candidate output', cand));
      if (!base.err && !cand.err) {
        wrap.appendChild(el('p', 'note', 'outputs too long for a word diff; shown as they are'));
      }
      return wrap;
    }
    var left = el('div', 'side');
    left.appendChild(el('h4', null, 'baseline output (repeat ' + base.r + '), removed words struck through'));
    left.appendChild(diffPre(ops, '-'));
    left.appendChild(truncationNote(base));
    var right = el('div', 'side');
    right.appendChild(el('h4', null, 'candidate output, added words underlined'));
    right.appendChild(diffPre(ops, '+'));
    right.appendChild(truncationNote(cand));
    wrap.appendChild(left);
    wrap.appendChild(right);
    return wrap;
  }

  function scoreTable(scores, base) {
    var before = Object.create(null);
    if (base) { base.scores.forEach(function (s) { before[s.n] = s; }); }
    var table = el('table', 'scores');
    var head = el('tr');
    ['scorer', 'value', 'verdict', base ? 'baseline' : null, 'explanation'].forEach(function (h) {
      if (h) { head.appendChild(el('th', null, h)); }
    });
    table.appendChild(head);
    scores.forEach(function (s) {
      var tr = el('tr');
      tr.appendChild(el('td', null, s.n));
      tr.appendChild(el('td', null, s.v.toFixed(3)));
      var verdict = el('td');
      verdict.appendChild(el('span', 'badge ' + (s.p ? 'st-pass' : 'st-fail'),
        s.u ? '? undecided' : (s.p ? '\u2714 passed' : '\u2716 failed')));
      tr.appendChild(verdict);
      if (base) {
        var b = before[s.n];
        tr.appendChild(el('td', null, b ? b.v.toFixed(3) + (b.u ? ' undecided' : b.p ? ' passed' : ' failed') : 'not scored'));
      }
      tr.appendChild(el('td', 'expl', s.e));
      table.appendChild(tr);
    });
    return table;
  }

  function stats(r) {
    var box = el('div', 'stats');
    [['tokens', r.pt + ' prompt + ' + r.ct + ' completion'], ['latency', ms(r.lat)],
     ['first token', ms(r.ttft)], ['finish', r.fin], ['model calls', r.calls + (r.cached ? ' (+' + r.cached + ' cached)' : '')],
     ['repair attempts', r.rep + (r.fb ? ', fallback output used' : '')], ['cost', r.cost || 'unknown'],
     ['trace', r.trace || 'none']
    ].forEach(function (pair) {
      var span = el('span');
      span.appendChild(el('b', null, pair[0] + ': '));
      span.appendChild(document.createTextNode(pair[1]));
      box.appendChild(span);
    });
    return box;
  }

  function showDetail(key) {
    var c = key === null ? undefined : byKey[key];
    var detail = document.getElementById('detail');
    var rows = document.querySelectorAll('#case-rows tr.selected');
    for (var i = 0; i < rows.length; i++) { rows[i].classList.remove('selected'); }
    if (!c) { detail.hidden = true; return; }
    detail.textContent = '';
    var close = el('button', 'close', 'close \u00D7');
    close.type = 'button';
    close.addEventListener('click', function () { openCase = null; detail.hidden = true; writeHash(); });
    detail.appendChild(close);
    detail.appendChild(el('h2', null, c.k));
    var line = el('p');
    line.appendChild(el('span', 'badge st-' + c.st, statusText(c.st)));
    if (c.ch !== 'none') {
      line.appendChild(document.createTextNode(' '));
      line.appendChild(el('span', 'badge ch-' + c.ch, changeText(c.ch) + (c.bst ? ' (baseline: ' + c.bst + ')' : '')));
    }
    c.tags.forEach(function (t) { line.appendChild(document.createTextNode(' ')); line.appendChild(el('span', 'tag', t)); });
    detail.appendChild(line);
    detail.appendChild(el('h3', null, 'input'));
    detail.appendChild(el('pre', 'text', c.prompt));
    c.reps.forEach(function (r) {
      var base = null;
      c.base.forEach(function (b) { if (b.r === r.r) { base = b; } });
      if (!base && c.base.length) { base = c.base[0]; }
      detail.appendChild(el('h3', null, 'repeat ' + r.r + ': ' + (r.ok ? 'passed' : r.err ? 'error' : 'failed')));
      if (data.hasBaseline && !base) { detail.appendChild(el('p', 'note', 'this case is not in the baseline')); }
      detail.appendChild(sideBySide(base, r));
      if (r.scores.length) { detail.appendChild(scoreTable(r.scores, base)); }
      detail.appendChild(stats(r));
    });
    detail.hidden = false;
    var row = document.querySelector('#case-rows tr[data-key="' + cssEscape(key) + '"]');
    if (row) { row.classList.add('selected'); }
  }

  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&'); }

  // The address holds the view (filters, order, open case), so a copied link or a reload shows the same cases.
  function writeHash() {
    var p = new URLSearchParams();
    if (state.filter !== defaultFilter) { p.set('show', state.filter); }
    if (state.tag) { p.set('tag', state.tag); }
    if (state.scorer) { p.set('scorer', state.scorer); }
    if (state.q) { p.set('q', state.q); }
    if (state.sort !== 'run') { p.set('sort', state.sort); }
    if (openCase !== null) { p.set('case', openCase); }
    var text = p.toString();
    if ((text === '' && location.hash === '') || '#' + text === location.hash) { return; }
    history.replaceState(null, '', '#' + text);
  }

  // Sets a control from the address, falling back when the value is not one of its options.
  function control(id, value, fallback) {
    var input = document.getElementById(id);
    input.value = value;
    if (input.value !== value) { input.value = fallback; }
    return input.value;
  }

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    state.filter = control('f-status', p.get('show') || defaultFilter, defaultFilter);
    state.tag = control('f-tag', p.get('tag') || '', '');
    state.scorer = control('f-scorer', p.get('scorer') || '', '');
    state.sort = control('f-sort', p.get('sort') || 'run', 'run');
    state.q = p.get('q') || '';
    document.getElementById('f-q').value = state.q;
    openCase = p.get('case');
    applyFilters();
    if (openCase !== null) {
      showDetail(openCase);
      var detail = document.getElementById('detail');
      if (!detail.hidden && detail.scrollIntoView) { detail.scrollIntoView(); }
    } else {
      showDetail(null);
    }
  }

  function openDetail(key) {
    openCase = key;
    showDetail(key);
    writeHash();
    document.getElementById('detail').scrollIntoView();
  }

  function setFilter(value) {
    state.filter = value;
    document.getElementById('f-status').value = value;
    applyFilters();
  }

  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  document.getElementById('f-status').addEventListener('change', function (e) { setFilter(e.target.value); });
  document.getElementById('f-tag').addEventListener('change', function (e) { state.tag = e.target.value; applyFilters(); });
  document.getElementById('f-scorer').addEventListener('change', function (e) { state.scorer = e.target.value; applyFilters(); });
  document.getElementById('f-sort').addEventListener('change', function (e) { state.sort = e.target.value; applyFilters(); });
  var timer = null;
  document.getElementById('f-q').addEventListener('input', function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = e.target.value; applyFilters(); }, 150);
  });
  document.getElementById('prev').addEventListener('click', function () { state.page--; renderList(); });
  document.getElementById('next').addEventListener('click', function () { state.page++; renderList(); });
  var countButtons = document.querySelectorAll('.counts button');
  for (var b = 0; b < countButtons.length; b++) {
    countButtons[b].addEventListener('click', function (e) {
      setFilter(e.currentTarget.getAttribute('data-filter'));
      document.getElementById('cases-title').scrollIntoView();
    });
  }
  document.getElementById('case-rows').addEventListener('click', function (e) {
    var tr = e.target.closest('tr');
    // A plain click opens the detail in place, keeping the filters; modified clicks keep the link's own behaviour.
    if (!tr || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
    e.preventDefault();
    openDetail(tr.getAttribute('data-key'));
  });
  window.addEventListener('hashchange', readHash);

  // Open on the cases most worth a look: regressions first, then anything not passing.
  var counts = { regressed: 0, notpassing: 0 };
  cases.forEach(function (c) {
    if (c.ch === 'regressed') { counts.regressed++; }
    if (c.st !== 'pass') { counts.notpassing++; }
  });
  document.getElementById('static-cases').hidden = true;
  ['filters', 'list-status', 'case-list', 'pager'].forEach(function (id) {
    document.getElementById(id).hidden = false;
  });
  defaultFilter = counts.regressed ? 'regressed' : counts.notpassing ? 'notpassing' : 'all';
  readHash();
  document.documentElement.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  }
})();
