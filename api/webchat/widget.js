/*
 * Meridian web chat widget: plain JavaScript, no dependencies, served by Meridian at /webchat/widget.js. Embed it with
 *   <script src="https://meridian.example/webchat/widget.js" data-channel="…" data-site-key="…" async></script>
 * It talks only to the Meridian that served it. Message text is only ever set with textContent (links are built as
 * elements around text): nothing a message says can become HTML or run as script on the host page.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.fetch || !window.localStorage) return;
  var LANGUAGES = __MERIDIAN_WIDGET_WORDS__;
  var channel = script.getAttribute('data-channel') || '';
  var siteKey = script.getAttribute('data-site-key') || '';
  var api = new URL(script.src).origin + '/api/webchat/' + encodeURIComponent(channel);
  var storeKey = 'meridian-webchat:' + channel;
  var POLL_OPEN_MS = 3000;
  var POLL_CLOSED_MS = 15000;
  var POLL_HIDDEN_MS = 30000;

  function pickLanguage() {
    var tags = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']).map(String);
    for (var i = 0; i < tags.length; i++) {
      var parts = tags[i].split('-');
      for (var n = parts.length; n > 0; n--) if (LANGUAGES[parts.slice(0, n).join('-')]) return parts.slice(0, n).join('-');
      var traditional = /^zh-(TW|HK|MO|Hant)/i.test(tags[i]); // Traditional Chinese is not zh-Hans
      for (var l in LANGUAGES) if (l !== 'en' && l.split('-')[0] === parts[0].toLowerCase() && !traditional) return l;
    }
    return 'en';
  }
  var language = pickLanguage();
  var w = LANGUAGES[language].words;

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey) || 'null');
      return saved && saved.siteKey === siteKey ? saved : { siteKey: siteKey }; // a rotated site key starts afresh
    } catch {
      return { siteKey: siteKey };
    }
  }
  var saved = load();
  function save() {
    try {
      localStorage.setItem(storeKey, JSON.stringify(saved));
    } catch {
      /* private mode: the conversation lasts as long as the page */
    }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  /** The text as text nodes, with http(s) links as anchors whose href and text are the link itself. */
  function fillText(node, text) {
    var parts = String(text).split(/(https?:\/\/[^\s<>"']+)/g);
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 0) {
        if (parts[i]) node.appendChild(document.createTextNode(parts[i]));
        continue;
      }
      var url = parts[i].replace(/[.,;:!?)\]]+$/, '');
      var a = el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url);
      node.appendChild(a);
      if (url.length < parts[i].length) node.appendChild(document.createTextNode(parts[i].slice(url.length)));
    }
  }

  var host = el('div', { 'data-meridian-webchat': channel });
  var root = host.attachShadow({ mode: 'open' });
  var style = el('style', {}, [
    ':host{all:initial}*{box-sizing:border-box;font-family:system-ui,sans-serif;font-size:14px}',
    '.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#1f4fd1;color:#fff;font-size:24px;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3);z-index:2147483646}',
    '.badge{position:absolute;top:-2px;right:-2px;min-width:18px;height:18px;border-radius:9px;background:#d11f3b;color:#fff;font-size:11px;line-height:18px;text-align:center}',
    '.panel{position:fixed;right:20px;bottom:88px;width:340px;max-width:calc(100vw - 40px);height:480px;max-height:calc(100vh - 120px);display:flex;flex-direction:column;background:#fff;color:#1d1d1f;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.25);overflow:hidden;z-index:2147483647}',
    '.panel[hidden],.prechat[hidden],.badge[hidden]{display:none}',
    '.head{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:#1f4fd1;color:#fff;font-weight:600}',
    '.close{border:0;background:none;color:#fff;font-size:20px;cursor:pointer}',
    '.intro{margin:0;padding:10px 14px;color:#555;font-size:13px;border-bottom:1px solid #eee}',
    '.log{flex:1;overflow-y:auto;padding:10px 14px;display:flex;flex-direction:column;gap:6px}',
    '.line{max-width:85%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}',
    '.line[data-from=visitor]{align-self:flex-end;background:#1f4fd1;color:#fff}.line[data-from=visitor] a{color:#fff}',
    '.line[data-from=staff]{align-self:flex-start;background:#f0f1f4}.line[data-pending]{opacity:.6}',
    '.prechat{display:flex;gap:6px;padding:8px 14px 0}.prechat input{flex:1;min-width:0;padding:6px;border:1px solid #ccc;border-radius:6px}',
    '.form{display:flex;gap:6px;padding:8px 14px 12px}.input{flex:1;resize:none;height:56px;padding:8px;border:1px solid #ccc;border-radius:8px}',
    '.send{border:0;border-radius:8px;background:#1f4fd1;color:#fff;padding:0 14px;cursor:pointer}',
    '.status{min-height:0;padding:0 14px;color:#b3261e;font-size:12px}',
  ].join(''));
  var launcher = el('button', { class: 'launcher', type: 'button', 'aria-label': w.open, 'aria-expanded': 'false', 'data-mw': 'launcher' }, '💬');
  var badge = el('span', { class: 'badge', hidden: '', 'data-mw': 'badge' });
  launcher.appendChild(badge);
  var panel = el('div', { class: 'panel', role: 'dialog', 'aria-label': w.title, lang: language, dir: LANGUAGES[language].dir, hidden: '', 'data-mw': 'panel' });
  var head = el('div', { class: 'head' });
  head.appendChild(el('span', {}, w.title));
  var close = el('button', { class: 'close', type: 'button', 'aria-label': w.close, 'data-mw': 'close' }, '×');
  head.appendChild(close);
  var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'data-mw': 'log' });
  var prechat = el('div', { class: 'prechat', 'data-mw': 'prechat' });
  var nameInput = el('input', { type: 'text', maxlength: '120', autocomplete: 'name', placeholder: w.name, 'aria-label': w.name, 'data-mw': 'name' });
  var emailInput = el('input', { type: 'email', maxlength: '254', autocomplete: 'email', placeholder: w.email, 'aria-label': w.email, 'data-mw': 'email' });
  prechat.appendChild(nameInput);
  prechat.appendChild(emailInput);
  var form = el('form', { class: 'form' });
  var input = el('textarea', { class: 'input', maxlength: '4000', placeholder: w.placeholder, 'aria-label': w.placeholder, 'data-mw': 'input' });
  form.appendChild(input);
  form.appendChild(el('button', { class: 'send', type: 'submit', 'data-mw': 'send' }, w.send));
  var status = el('div', { class: 'status', role: 'status', 'data-mw': 'status' });
  [head, el('p', { class: 'intro' }, w.intro), log, prechat, form, status].forEach(function (n) {
    panel.appendChild(n);
  });
  [style, panel, launcher].forEach(function (n) {
    root.appendChild(n);
  });

  var lines = {}; // id → element
  var pending = {}; // clientMessageId → element, until the server's copy arrives
  var receipted = {}; // our answer's id → 'delivered' | 'read'
  var cursor = null;
  var unread = 0;
  var timer = null;
  var polling = false;

  function isOpen() {
    return !panel.hasAttribute('hidden');
  }
  function showStatus(failed) {
    status.textContent = failed ? w.error : '';
  }
  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }
  function addLine(item) {
    if (lines[item.id]) return false;
    var node = item.clientMessageId && pending[item.clientMessageId];
    if (node) {
      delete pending[item.clientMessageId];
      node.removeAttribute('data-pending');
    } else {
      node = el('div', { class: 'line', 'data-from': item.from });
      fillText(node, item.text);
      log.appendChild(node);
    }
    node.setAttribute('data-mw-line', item.id);
    lines[item.id] = node;
    return true;
  }

  function call(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    if (saved.token) headers.Authorization = 'Bearer ' + saved.token;
    return fetch(api + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, mode: 'cors', credentials: 'omit', cache: 'no-store' }).then(function (res) {
      return res.json().then(
        function (json) {
          return { status: res.status, json: json, retryAfter: Number(res.headers.get('Retry-After')) || 0 };
        },
        function () {
          return { status: res.status, json: null, retryAfter: 0 };
        },
      );
    });
  }
  function session() {
    if (saved.token) return Promise.resolve();
    return call('POST', '/sessions', { siteKey: siteKey }).then(function (res) {
      if (res.status !== 201) throw res;
      saved.token = res.json.token;
      save();
    });
  }
  /** A call with the visitor's token; an expired or refused token (401) starts a new session once. */
  function authorized(method, path, body) {
    return session()
      .then(function () {
        return call(method, path, body);
      })
      .then(function (res) {
        if (res.status !== 401) return res;
        delete saved.token;
        save();
        return session().then(function () {
          return call(method, path, body);
        });
      });
  }
  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function locale() {
    var claims = {};
    var tag = (navigator.language || '').split('-');
    var lang = tag[0] ? tag[0].toLowerCase() + (tag[1] && tag[1].length === 2 ? '-' + tag[1].toUpperCase() : '') : '';
    if (/^[a-z]{2,3}(-[A-Z]{2})?$/.test(lang)) claims.language = lang;
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) claims.timeZone = zone;
    } catch {
      /* no zone: the region's applies */
    }
    return claims;
  }

  /** Sends one message until it is taken: the same clientMessageId on every try, so it is stored once. */
  function deliver(message, attempt) {
    return authorized('POST', '/messages', message).then(
      function (res) {
        if (res.status === 202) {
          showStatus(false);
          return poll();
        }
        var extras = message.name || message.email || message.language || message.timeZone;
        if ((res.status === 400 || res.status === 422) && extras) {
          // A claim the server refuses (an e-mail no mail reaches, a zone it does not know) must not lose the message.
          return deliver({ clientMessageId: message.clientMessageId, text: message.text }, attempt);
        }
        if (res.status === 429 || res.status >= 500) return retry(message, attempt, res.retryAfter * 1000);
        showStatus(true);
      },
      function () {
        return retry(message, attempt, 0);
      },
    );
  }
  function retry(message, attempt, afterMs) {
    showStatus(true);
    var wait = Math.max(afterMs, Math.min(30000, 1000 * Math.pow(2, attempt)));
    return new Promise(function (resolve) {
      setTimeout(resolve, wait);
    }).then(function () {
      return deliver(message, attempt + 1);
    });
  }
  function send(text) {
    var message = { clientMessageId: newId(), text: text };
    var claims = locale();
    for (var k in claims) message[k] = claims[k];
    if (!saved.prechatDone) {
      if (nameInput.value.trim()) message.name = nameInput.value.trim();
      if (emailInput.value.trim()) message.email = emailInput.value.trim();
      saved.prechatDone = true; // claims go with the first message only: it opens the ticket
      save();
      prechat.setAttribute('hidden', '');
    }
    var node = el('div', { class: 'line', 'data-from': 'visitor', 'data-pending': '' });
    fillText(node, text);
    log.appendChild(node);
    pending[message.clientMessageId] = node;
    scrollDown();
    return deliver(message, 0);
  }

  function markReceipts() {
    var level = isOpen() && !document.hidden ? 'read' : 'delivered';
    var ids = Object.keys(lines).filter(function (id) {
      return lines[id].getAttribute('data-from') === 'staff' && receipted[id] !== 'read' && receipted[id] !== level;
    });
    if (!ids.length) return;
    ids.slice(0, 50).forEach(function (id) {
      receipted[id] = level;
    });
    authorized('POST', '/receipts', { messageIds: ids.slice(0, 50), status: level }).catch(function () {});
  }
  function poll() {
    if (!saved.token || polling) return Promise.resolve();
    polling = true;
    return authorized('GET', '/messages' + (cursor === null ? '' : '?after=' + encodeURIComponent(cursor)))
      .then(function (res) {
        if (res.status !== 200) return;
        showStatus(false);
        var added = false;
        res.json.items.forEach(function (item) {
          if (addLine(item)) {
            added = true;
            if (item.from === 'staff' && !isOpen() && cursor !== null) unread += 1;
          }
        });
        cursor = res.json.cursor;
        if (added) scrollDown();
        if (unread) badge.removeAttribute('hidden');
        badge.textContent = unread ? String(unread) : '';
        markReceipts();
      })
      .catch(function () {
        showStatus(true);
      })
      .then(function () {
        polling = false;
      });
  }
  function schedule() {
    clearTimeout(timer);
    var wait = document.hidden ? POLL_HIDDEN_MS : isOpen() ? POLL_OPEN_MS : POLL_CLOSED_MS;
    timer = setTimeout(function () {
      poll().then(schedule);
    }, wait);
  }
  function toggle(open) {
    if (open) panel.removeAttribute('hidden');
    else panel.setAttribute('hidden', '');
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      unread = 0;
      badge.setAttribute('hidden', '');
      input.focus();
      scrollDown();
      markReceipts();
    }
    schedule();
  }

  launcher.addEventListener('click', function () {
    toggle(!isOpen());
  });
  close.addEventListener('click', function () {
    toggle(false);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send(text).then(schedule, schedule);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
      else form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });
  document.addEventListener('visibilitychange', schedule);
  if (saved.prechatDone) prechat.setAttribute('hidden', '');

  function start() {
    document.body.appendChild(host);
    poll().then(schedule); // a visitor coming back sees the conversation (and unread answers) at once
  }
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
