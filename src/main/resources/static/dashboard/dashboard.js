// The tagwatch dashboard. It reads the public API only, so everything it shows can be had from the API,
// and writes what it reads with DOM methods and textContent, never as HTML: posts are anyone's text.
// The filters live in the URL, so that a view can be shared and reloaded.
(() => {
  'use strict';

  const REFRESH_MS = 30_000;
  const HOUR = 3_600_000;
  const DAY = 86_400_000;
  /** The most buckets a timeline answer holds (api.Buckets.MAX). */
  const MAX_BUCKETS = 10_000;
  /** Up to this many hours a chart shows hours; beyond, days (more points show nothing more). */
  const HOURLY_UP_TO = 1_000;
  const RELATIVE = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
  const RANGES = ['all', '24h', '7d', '30d', 'custom'];
  const TOP_VALUES = 5;
  const PAGE = 20;
  const STATE_ORDER = ['unauthorized', 'budget_exhausted', 'circuit_open', 'error', 'rate_limited', 'disabled', 'ok'];

  const $ = (id) => document.getElementById(id);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const numbers = new Intl.NumberFormat();
  const regionNames = displayNames('region');
  const languageNames = displayNames('language');

  let state = readState();
  let loadSeq = 0;
  let loading = false;
  let cursors = [];
  const charts = {};

  /** An answer of the API that is not a success: its problem's title and detail. */
  class Problem extends Error {
    constructor(title, detail) {
      super(title);
      this.title = title;
      this.detail = detail || '';
    }
  }

  // ---- state and URL ------------------------------------------------------------------------------

  function readState() {
    const p = new URLSearchParams(location.search);
    const range = RANGES.includes(p.get('range')) ? p.get('range') : 'all';
    return {
      tag: p.get('tag') || '',
      source: p.get('source') || '',
      range,
      from: range === 'custom' ? p.get('from') || '' : '',
      to: range === 'custom' ? p.get('to') || '' : '',
      tz: validZone(p.get('tz')) ? p.get('tz') : browserZone,
      q: p.get('q') || '',
      lang: p.get('lang') || '',
      country: p.get('country') || '',
      cursor: p.get('cursor') || '',
      paused: p.get('refresh') === 'off',
    };
  }

  function writeState(push) {
    const p = new URLSearchParams();
    const set = (name, value) => { if (value) p.set(name, value); };
    set('tag', state.tag);
    set('source', state.source);
    if (state.range !== 'all') p.set('range', state.range);
    if (state.range === 'custom') { set('from', state.from); set('to', state.to); }
    if (state.tz !== browserZone) p.set('tz', state.tz);
    set('q', state.q);
    set('lang', state.lang);
    set('country', state.country);
    set('cursor', state.cursor);
    if (state.paused) p.set('refresh', 'off');
    const url = location.pathname + (p.toString() ? '?' + p : '');
    if (url !== location.pathname + location.search) {
      history[push ? 'pushState' : 'replaceState'](null, '', url);
    }
  }

  function validZone(zone) {
    if (!zone) return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch (e) {
      return false;
    }
  }

  // ---- the API ------------------------------------------------------------------------------------

  function query(params) {
    const p = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') p.set(name, value);
    }
    const text = p.toString();
    return text ? '?' + text : '';
  }

  async function fetchJson(path) {
    const response = await fetch('/api' + path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      let title = 'The API answered ' + response.status;
      let detail = '';
      try {
        const problem = await response.json();
        title = problem.title || title;
        detail = problem.detail || '';
      } catch (e) {
        // not a problem document: the status says it all
      }
      throw new Problem(title, detail);
    }
    return response.json();
  }

  /** The bounds of the range as instants, or none for everything stored. */
  function bounds() {
    if (state.range === 'all') return {};
    if (state.range === 'custom') return { from: state.from, to: state.to };
    // to the next whole minute, so that a refresh within the minute asks what the last one asked
    const to = Math.ceil(Date.now() / 60_000) * 60_000;
    return { from: new Date(to - RELATIVE[state.range]).toISOString(), to: new Date(to).toISOString() };
  }

  /** hour or day for a span, so that no view asks for more buckets than a timeline answers; null when too long. */
  function bucketFor(spanMs) {
    if (spanMs / HOUR <= HOURLY_UP_TO) return 'hour';
    // a span of n days touches at most n + 1 calendar days
    if (spanMs / DAY <= MAX_BUCKETS - 1) return 'day';
    return null;
  }

  // ---- loading ------------------------------------------------------------------------------------

  async function load() {
    const seq = ++loadSeq;
    loading = true;
    document.body.dataset.state = 'loading';
    showFilters();
    exportLinks();
    const cache = new Map();
    const get = (path) => {
      if (!cache.has(path)) cache.set(path, fetchJson(path));
      return cache.get(path);
    };
    const current = () => seq === loadSeq;
    // the tags and their sources' states: the choices of the filters, the lines of the chart, two panels
    let tagsProblem = null;
    const tags = await get('/v1/tags').catch((e) => {
      tagsProblem = e;
      return null;
    });
    if (!current()) return;
    const withTags = (render) => async () => {
      if (tagsProblem) throw tagsProblem;
      render(tags);
    };
    fillChoices(tags);
    await Promise.all([
      guarded('header', current, () => header(get, tags, current)),
      guarded('activity', current, () => activity(get, tags, current)),
      guarded('hours', current, () => hours(get, current)),
      guarded('top-users', current, () => topUsers(get, current)),
      guarded('languages', current, () => breakdown(get, 'language', current)),
      guarded('countries', current, () => breakdown(get, 'country', current)),
      guarded('posts', current, () => posts(get, current)),
      guarded('sources', current, withTags(sources)),
      guarded('tags', current, withTags(tagTable)),
    ]);
    if (!current()) return;
    loading = false;
    $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
    document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
    if (!document.body.dataset.readyMs) document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.state = 'ready';
  }

  /**
   * Runs one panel's part of a load; a failure shows the problem's title in that panel, and the others
   * go on. A part of a load that a newer one replaced draws nothing.
   */
  async function guarded(panelId, current, work) {
    const panel = $(panelId);
    try {
      const result = await work();
      if (current() && panel) {
        problemBox(panel).hidden = true;
        panel.dataset.state = 'ready';
      }
      return result;
    } catch (e) {
      if (!current()) return null;
      const box = panel ? problemBox(panel) : $('filters-problem');
      box.textContent = e instanceof Problem ? e.title + (e.detail ? ': ' + e.detail : '')
        : 'The dashboard could not show this: ' + e.message;
      box.hidden = false;
      if (panel) panel.dataset.state = 'error';
      return null;
    }
  }

  function problemBox(panel) {
    let box = panel.querySelector(':scope > .problem');
    if (!box) {
      box = document.createElement('p');
      box.className = 'problem';
      box.setAttribute('role', 'alert');
      box.hidden = true;
      panel.querySelector('h2, h1').after(box);
    }
    return box;
  }

  // ---- panels -------------------------------------------------------------------------------------

  async function header(get, tags, current) {
    const filtered = await get('/v1/stats/posts-by-hour' + query({ tz: state.tz, tag: state.tag, source: state.source, ...bounds() }));
    const stored = await get('/v1/stats/posts-by-hour' + query({ tz: state.tz }));
    if (!current()) return;
    const narrowed = state.tag || state.source || state.range !== 'all';
    $('total').textContent = narrowed
      ? numbers.format(filtered.total) + ' of ' + numbers.format(stored.total)
      : numbers.format(stored.total);
    $('total').dataset.value = String(filtered.total);
    $('empty').hidden = stored.total > 0;
    const items = tags ? tags.items : [];
    $('tracked').textContent = numbers.format(items.length);
    let last = null;
    for (const item of items.filter((t) => !state.tag || t.tag === state.tag)) {
      for (const s of item.sources.filter((x) => !state.source || x.source === state.source)) {
        if (s.last_success_at && (!last || s.last_success_at > last)) last = s.last_success_at;
      }
    }
    $('last-collection').textContent = last ? ago(last) : 'none yet';
    $('last-collection').title = last ? when(last, true) : '';
  }

  async function activity(get, tags, current) {
    const tz = state.tz;
    const filters = { tz, tag: state.tag, source: state.source };
    let overall;
    let range;
    if (state.range === 'all') {
      // everything stored: its span, from a day timeline, decides the bucket
      const days = await get('/v1/stats/timeline' + query({ bucket: 'day', ...filters }));
      if (!days.items.length) {
        range = null;
        overall = days;
      } else {
        const first = Date.parse(days.truncated ? days.from : days.items[0].start);
        const last = Date.parse(days.items[days.items.length - 1].start);
        // more than 10,000 days are answered truncated, in days
        const bucket = bucketFor(last + DAY - first) || 'day';
        range = { bucket, from: new Date(first).toISOString(),
          to: new Date(last + (bucket === 'hour' ? 2 * DAY : DAY)).toISOString() };
        overall = bucket === 'day' ? days
          : await get('/v1/stats/timeline' + query({ bucket, ...filters, from: range.from, to: range.to }));
      }
    } else {
      const { from, to } = bounds();
      const bucket = bucketFor(Date.parse(to) - Date.parse(from));
      if (!bucket) {
        throw new Problem('The range is too long to chart', 'A chart shows at most ' + numbers.format(MAX_BUCKETS)
          + ' days; narrow the range.');
      }
      range = { bucket, from, to };
      overall = await get('/v1/stats/timeline' + query({ bucket, ...filters, from, to }));
    }
    const names = state.tag ? [state.tag]
      : (tags ? tags.items.map((t) => t.tag) : []);
    const series = state.tag || !range ? [overall]
      : await Promise.all(names.map((tag) => get('/v1/stats/timeline'
        + query({ bucket: range.bucket, tz, tag, source: state.source, from: range.from, to: range.to }))));
    if (!current()) return;
    const x = overall.items.map((b) => Date.parse(b.start) / 1000);
    const columns = series.map((answer) => {
      const byStart = new Map(answer.items.map((b) => [Date.parse(b.start) / 1000, b.posts]));
      return x.map((t) => byStart.get(t) || 0);
    });
    const total = columns.reduce((sum, column) => sum + column.reduce((a, b) => a + b, 0), 0);
    const caption = $('activity-caption');
    if (!x.length || total === 0) {
      await noPostsInRange(get, caption);
      drawChart('activity', null);
      fillTable($('activity-table'), [], []);
      return;
    }
    caption.textContent = 'Posts per ' + (range ? range.bucket : 'day') + ' in ' + tz
      + (overall.truncated ? ', the newest ' + numbers.format(x.length) + ' only' : '')
      + (state.tag ? ', #' + state.tag : ', one line per tag') + '.';
    drawChart('activity', {
      data: [x, ...columns],
      series: names.map((name, i) => ({ label: '#' + name, stroke: color(i, names.length), width: 1.5,
        points: { show: false } })),
      time: true,
      bars: false,
    });
    fillTable($('activity-table'), ['Start', ...names.map((n) => '#' + n)],
      x.map((t, row) => [when(new Date(t * 1000).toISOString()), ...columns.map((c) => c[row])]));
  }

  /** Says that the range holds nothing, and when the newest stored post of the tag and source is. */
  async function noPostsInRange(get, caption) {
    const newest = await get('/v1/posts' + query({ limit: 1, tag: state.tag, source: state.source }));
    caption.replaceChildren();
    if (!newest.items.length) {
      caption.textContent = 'No posts stored' + (state.tag ? ' for #' + state.tag : '') + '.';
      return;
    }
    caption.append('No posts in this range. The newest is from ' + when(newest.items[0].created_at, true) + '. ');
    if (state.range !== 'all') {
      const all = document.createElement('button');
      all.type = 'button';
      all.textContent = 'Show everything stored';
      all.addEventListener('click', () => change({ range: 'all', from: '', to: '' }));
      caption.append(all);
    }
  }

  async function hours(get, current) {
    const answer = await get('/v1/stats/posts-by-hour' + query({ tz: state.tz, tag: state.tag, source: state.source, ...bounds() }));
    if (!current()) return;
    $('hours-caption').textContent = numbers.format(answer.total) + ' posts by the hour they were written in '
      + answer.tz + (state.tag ? ', #' + state.tag : '') + '.';
    drawChart('hours', answer.total === 0 ? null : {
      data: [answer.items.map((h) => h.hour), answer.items.map((h) => h.posts)],
      series: [{ label: 'Posts', fill: 'rgba(36, 87, 197, 0.75)', stroke: '#2457c5' }],
      time: false,
      bars: true,
    });
    const body = $('hours-table').tBodies[0];
    body.replaceChildren(...answer.items.map((h) => row([String(h.hour).padStart(2, '0') + ':00', numbers.format(h.posts)],
      [null, 'num'])));
  }

  async function topUsers(get, current) {
    const answer = await get('/v1/stats/top-users' + query({ limit: 10, tag: state.tag, source: state.source, ...bounds() }));
    if (!current()) return;
    const body = $('top-users-table').tBodies[0];
    if (!answer.items.length) {
      body.replaceChildren(quietRow('No authors in this range.', 3));
      return;
    }
    body.replaceChildren(...answer.items.map((a) => {
      const user = document.createElement('td');
      user.append(link(a.profile_url, '@' + a.username));
      if (a.name) {
        const name = document.createElement('div');
        name.className = 'caption';
        name.textContent = a.name;
        user.append(name);
      }
      const tr = document.createElement('tr');
      tr.append(user, cell(numbers.format(a.followers), 'num'), cell(countryName(a.country)));
      return tr;
    }));
  }

  async function breakdown(get, by, current) {
    const answer = await get('/v1/stats/posts-by-tag' + query({ by, tag: state.tag, source: state.source, ...bounds() }));
    if (!current()) return;
    const table = $(by === 'language' ? 'languages-table' : 'countries-table');
    const name = by === 'language' ? languageName : countryName;
    const byTag = new Map();
    for (const item of answer.items) {
      if (!byTag.has(item.tag)) byTag.set(item.tag, []);
      byTag.get(item.tag).push(item);
    }
    const seen = new Set();
    const bodies = [];
    for (const [tag, values] of byTag) {
      const total = values.reduce((sum, v) => sum + v.posts, 0);
      const body = document.createElement('tbody');
      const head = document.createElement('tr');
      head.className = 'tag-row';
      const th = document.createElement('th');
      th.scope = 'rowgroup';
      th.colSpan = 2;
      th.textContent = '#' + tag;
      head.append(th, cell(numbers.format(total), 'num'));
      body.append(head);
      const shown = values.slice(0, TOP_VALUES);
      const rest = values.slice(TOP_VALUES);
      for (const v of shown) {
        seen.add(v.value);
        body.append(barRow(name(v.value), v.posts, total));
      }
      if (rest.length) {
        body.append(barRow('other (' + rest.length + ')', rest.reduce((sum, v) => sum + v.posts, 0), total));
      }
      bodies.push(body);
    }
    if (!bodies.length) {
      const body = document.createElement('tbody');
      body.append(quietRow('No posts in this range.', 3));
      bodies.push(body);
    }
    table.replaceChildren(...bodies);
    const list = $(by === 'language' ? 'languages-seen' : 'countries-seen');
    list.replaceChildren(...[...seen].sort().map((value) => {
      const option = document.createElement('option');
      option.value = value;
      option.label = name(value);
      return option;
    }));
  }

  function barRow(label, posts, total) {
    const tr = document.createElement('tr');
    const bar = document.createElement('td');
    const outer = document.createElement('div');
    outer.className = 'bar';
    const inner = document.createElement('span');
    inner.style.width = (total ? (100 * posts / total) : 0).toFixed(1) + '%';
    outer.append(inner);
    bar.append(outer);
    tr.append(cell(label), bar, cell(numbers.format(posts), 'num'));
    return tr;
  }

  async function posts(get, current) {
    const answer = await get('/v1/posts' + query({ limit: PAGE, tag: state.tag, source: state.source, ...bounds(),
      lang: state.lang, country: state.country, q: state.q, cursor: state.cursor }));
    if (!current()) return;
    const list = $('post-list');
    list.replaceChildren(...answer.items.map(postItem));
    $('posts-caption').textContent = answer.items.length ? 'Newest first.'
      : 'No posts match' + (state.q ? ' this search' : '') + ' in this range.';
    $('newer').disabled = cursors.length === 0 && !state.cursor;
    $('older').disabled = !answer.next_cursor;
    $('older').dataset.cursor = answer.next_cursor || '';
  }

  function postItem(post) {
    const li = document.createElement('li');
    const meta = document.createElement('div');
    meta.className = 'meta';
    const time = document.createElement('time');
    time.dateTime = post.created_at;
    time.textContent = when(post.created_at, true);
    meta.append(time, link(post.author.profile_url, '@' + post.author.username), span(post.source),
      span(languageName(post.lang)), span(countryName(post.author.country)));
    const original = link(post.url, 'original');
    if (original.tagName === 'A') meta.append(original);
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = post.text;
    const tags = document.createElement('div');
    tags.className = 'tags';
    tags.textContent = post.tags.map((t) => '#' + t).join(' ');
    li.append(meta, text, tags);
    return li;
  }

  function sources(tags) {
    const body = $('sources-table').tBodies[0];
    const bySource = new Map();
    for (const item of (tags ? tags.items : []).filter((t) => !state.tag || t.tag === state.tag)) {
      for (const s of item.sources.filter((x) => !state.source || x.source === state.source)) {
        const seen = bySource.get(s.source);
        if (!seen) {
          bySource.set(s.source, { ...s, tags: 1 });
          continue;
        }
        seen.tags++;
        if (STATE_ORDER.indexOf(s.state) < STATE_ORDER.indexOf(seen.state)) {
          Object.assign(seen, { state: s.state, last_error_category: s.last_error_category, last_error: s.last_error });
        }
        if (s.last_success_at && (!seen.last_success_at || s.last_success_at > seen.last_success_at)) {
          seen.last_success_at = s.last_success_at;
        }
        if (s.next_run_at && (!seen.next_run_at || s.next_run_at < seen.next_run_at)) seen.next_run_at = s.next_run_at;
      }
    }
    $('sources-caption').textContent = 'The least healthy state over ' + (state.tag ? '#' + state.tag : 'every tag')
      + ', as GET /api/v1/tags gives it.';
    if (!bySource.size) {
      body.replaceChildren(quietRow('No source is enabled: set tagwatch.sources.', 5));
      return;
    }
    body.replaceChildren(...[...bySource.values()].map((s) => {
      const tr = document.createElement('tr');
      const error = s.last_error_category ? s.last_error_category + (s.last_error ? ': ' + s.last_error : '') : '—';
      tr.append(cell(s.source), stateCell(s.state), cell(error), cell(s.last_success_at ? when(s.last_success_at) : 'never'),
        cell(s.next_run_at ? when(s.next_run_at) : '—'));
      return tr;
    }));
  }

  function tagTable(tags) {
    const body = $('tags-table').tBodies[0];
    const items = (tags ? tags.items : []).filter((t) => !state.tag || t.tag === state.tag);
    if (!items.length) {
      body.replaceChildren(quietRow('No tags are tracked.', 4));
      return;
    }
    body.replaceChildren(...items.map((t) => {
      const tr = document.createElement('tr');
      const file = t.defined_in ? t.defined_in.file + (t.defined_in.kind === 'bundled' ? ' (bundled)' : ' (routes directory)') : '—';
      const states = document.createElement('td');
      for (const s of t.sources.filter((x) => !state.source || x.source === state.source)) {
        const badge = document.createElement('span');
        badge.className = 'state state-' + s.state;
        badge.textContent = s.source + ': ' + s.state + ' ';
        states.append(badge);
      }
      tr.append(cell('#' + t.tag), cell(numbers.format(t.posts), 'num'), cell(file), states);
      return tr;
    }));
  }

  // ---- charts -------------------------------------------------------------------------------------

  /** Draws (or clears) a uPlot chart in the panel's .chart, at the panel's width. */
  function drawChart(name, spec) {
    const host = $(name + '-chart');
    if (charts[name]) {
      charts[name].destroy();
      delete charts[name];
    }
    host.replaceChildren();
    if (!spec) return;
    const zone = state.tz;
    const options = {
      width: Math.max(240, host.clientWidth || host.parentElement.clientWidth - 32),
      height: spec.bars ? 200 : 260,
      series: [{ label: spec.time ? 'Time' : 'Hour' }, ...spec.series.map((s) => (spec.bars
        ? { ...s, paths: uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false } } : s))],
      // counts start at zero, whatever the smallest one
      scales: { x: spec.time ? { time: true } : { time: false, range: [-0.5, 23.5] },
        y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [{ values: spec.time ? undefined : (u, splits) => splits.map((v) => (Number.isInteger(v) ? v : '')) },
        { size: 56, values: (u, splits) => splits.map((v) => numbers.format(v)) }],
      legend: { show: spec.series.length > 1 || spec.time },
      cursor: { drag: { x: false, y: false } },
    };
    if (spec.time) options.tzDate = (ts) => uPlot.tzDate(new Date(ts * 1000), zone);
    charts[name] = new uPlot(options, spec.data, host);
  }

  function resizeCharts() {
    for (const [name, chart] of Object.entries(charts)) {
      const host = $(name + '-chart');
      chart.setSize({ width: Math.max(240, host.clientWidth), height: chart.height });
    }
  }

  function color(i, n) {
    return 'hsl(' + Math.round((i * 360) / Math.max(n, 1) + 210) % 360 + ', 65%, 45%)';
  }

  // ---- small DOM helpers --------------------------------------------------------------------------

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function stateCell(value) {
    const td = cell(value);
    td.className = 'state state-' + value;
    return td;
  }

  function row(texts, classes) {
    const tr = document.createElement('tr');
    texts.forEach((t, i) => tr.append(cell(t, classes && classes[i])));
    return tr;
  }

  function quietRow(text, span) {
    const tr = document.createElement('tr');
    const td = cell(text, 'quiet');
    td.colSpan = span;
    tr.append(td);
    return tr;
  }

  function span(text) {
    const s = document.createElement('span');
    s.textContent = text;
    return s;
  }

  function fillTable(table, head, rows) {
    const thead = document.createElement('thead');
    const names = document.createElement('tr');
    for (const text of head) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      names.append(th);
    }
    thead.append(names);
    const body = document.createElement('tbody');
    body.append(...rows.map((r) => row(r.map((v) => (typeof v === 'number' ? numbers.format(v) : v)),
      r.map((v, i) => (i > 0 ? 'num' : null)))));
    table.replaceChildren(thead, body);
  }

  /** A link when the URL is http(s), else the text alone: an upstream's javascript: URL must not run. */
  function link(url, text) {
    let safe = null;
    try {
      const parsed = new URL(url);
      safe = parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) {
      safe = null;
    }
    if (!safe) return span(text);
    const a = document.createElement('a');
    a.href = safe;
    a.textContent = text;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function displayNames(type) {
    try {
      return new Intl.DisplayNames(undefined, { type });
    } catch (e) {
      return null;
    }
  }

  function countryName(code) {
    if (!code || code === 'ZZ') return 'unknown';
    try {
      return (regionNames && regionNames.of(code)) || code;
    } catch (e) {
      return code;
    }
  }

  function languageName(code) {
    if (!code || code === 'und') return 'unknown';
    try {
      return (languageNames && languageNames.of(code)) || code;
    } catch (e) {
      return code;
    }
  }

  function when(iso, withYear) {
    return new Intl.DateTimeFormat(undefined, { timeZone: state.tz, year: withYear ? 'numeric' : undefined,
      month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  }

  function ago(iso) {
    const minutes = Math.round((Date.now() - Date.parse(iso)) / 60_000);
    if (minutes < 1) return 'just now';
    if (minutes < 120) return minutes + ' min ago';
    if (minutes < 48 * 60) return Math.round(minutes / 60) + ' h ago';
    return when(iso, true);
  }

  // ---- time zones: a local date and time in any IANA zone, to and from an instant ---------------

  function offsetMs(instant, zone) {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant));
    const part = (type) => Number(parts.find((p) => p.type === type).value);
    const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
    return local - Math.floor(instant / 1000) * 1000;
  }

  /** "2026-11-15T09:30" in the zone, as an ISO instant; null when it is not a date and time. */
  function toInstant(local, zone) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local || '');
    if (!m) return null;
    const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    let instant = guess - offsetMs(guess, zone);
    instant = guess - offsetMs(instant, zone); // again, in case the offset changes between the two
    return new Date(instant).toISOString();
  }

  function toLocal(iso, zone) {
    const instant = Date.parse(iso);
    if (Number.isNaN(instant)) return '';
    return new Date(instant + offsetMs(instant, zone)).toISOString().slice(0, 16);
  }

  // ---- controls -----------------------------------------------------------------------------------

  function fillChoices(tags) {
    const items = tags ? tags.items : [];
    replaceOptions($('f-tag'), 'All tags', items.map((t) => [t.tag, '#' + t.tag]), state.tag);
    const names = [...new Set(items.flatMap((t) => t.sources.map((s) => s.source)))].sort();
    if (state.source && !names.includes(state.source)) names.push(state.source);
    replaceOptions($('f-source'), 'All sources', names.map((s) => [s, s]), state.source);
  }

  function replaceOptions(select, allLabel, pairs, selected) {
    if (selected && !pairs.some(([value]) => value === selected)) pairs.push([selected, selected]);
    const options = [new Option(allLabel, ''), ...pairs.map(([value, label]) => new Option(label, value))];
    select.replaceChildren(...options);
    select.value = selected;
  }

  function showFilters() {
    $('f-range').value = state.range;
    $('custom-range').hidden = state.range !== 'custom';
    if (state.range === 'custom') {
      $('f-from').value = toLocal(state.from, state.tz);
      $('f-to').value = toLocal(state.to, state.tz);
    }
    if (document.activeElement !== $('f-tz')) $('f-tz').value = state.tz;
    $('f-q').value = state.q;
    $('f-lang').value = state.lang;
    $('f-country').value = state.country;
    $('refresh-toggle').textContent = state.paused ? 'Resume refresh' : 'Pause refresh';
    $('refresh-toggle').setAttribute('aria-pressed', String(state.paused));
  }

  function exportLinks() {
    const filters = { tag: state.tag, source: state.source, ...bounds(), lang: state.lang, country: state.country,
      q: state.q };
    $('export-csv').href = '/api/v1/posts/export' + query({ format: 'csv', ...filters });
    $('export-ndjson').href = '/api/v1/posts/export' + query({ format: 'ndjson', ...filters });
  }

  /** A new view: the URL says it, the posts start again from the newest, and everything is read again. */
  function change(update) {
    Object.assign(state, update, { cursor: '' });
    cursors = [];
    $('filters-problem').hidden = true;
    writeState(true);
    load();
  }

  function bind() {
    $('f-tag').addEventListener('change', (e) => change({ tag: e.target.value }));
    $('f-source').addEventListener('change', (e) => change({ source: e.target.value }));
    $('f-range').addEventListener('change', (e) => {
      const range = e.target.value;
      if (range !== 'custom') {
        change({ range, from: '', to: '' });
        return;
      }
      // a custom range starts as the last seven days, to be adjusted and applied
      const to = Math.ceil(Date.now() / 60_000) * 60_000;
      $('f-from').value = toLocal(new Date(to - 7 * DAY).toISOString(), state.tz);
      $('f-to').value = toLocal(new Date(to).toISOString(), state.tz);
      $('custom-range').hidden = false;
      $('f-from').focus();
    });
    $('filters').addEventListener('submit', (e) => {
      e.preventDefault();
      if ($('f-range').value !== 'custom') return;
      const from = toInstant($('f-from').value, state.tz);
      const to = toInstant($('f-to').value, state.tz);
      if (!from || !to || from >= to) {
        showProblem('Choose a range whose start is before its end.');
        return;
      }
      change({ range: 'custom', from, to });
    });
    $('f-tz').addEventListener('change', (e) => {
      const zone = e.target.value.trim();
      if (!validZone(zone)) {
        showProblem('“' + zone + '” is not a time zone this browser knows; choose one from the list, such as Europe/Berlin.');
        return;
      }
      // a custom range stays the same span of time, shown in the new zone's clock
      change({ tz: zone });
    });
    $('post-filters').addEventListener('submit', (e) => {
      e.preventDefault();
      change({ q: $('f-q').value.trim(), lang: $('f-lang').value.trim().toLowerCase(),
        country: $('f-country').value.trim().toUpperCase() });
    });
    $('older').addEventListener('click', () => {
      cursors.push(state.cursor);
      state.cursor = $('older').dataset.cursor;
      writeState(false);
      load().then(() => $('posts').focus());
    });
    $('newer').addEventListener('click', () => {
      state.cursor = cursors.length ? cursors.pop() : '';
      writeState(false);
      load().then(() => $('posts').focus());
    });
    $('refresh-toggle').addEventListener('click', () => {
      state.paused = !state.paused;
      writeState(false);
      showFilters();
    });
    window.addEventListener('popstate', () => {
      state = readState();
      cursors = [];
      load();
    });
    let resizing = null;
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(resizeCharts, 150);
    });
    setInterval(() => {
      if (!state.paused && !loading && !document.hidden) load();
    }, REFRESH_MS);
  }

  function showProblem(text) {
    const box = $('filters-problem');
    box.textContent = text;
    box.hidden = false;
  }

  function zones() {
    const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    $('zones').replaceChildren(...list.map((z) => new Option(z, z)));
  }

  zones();
  bind();
  writeState(false);
  load();
})();
