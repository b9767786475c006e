/* keycloak-jit-provisioning self-service portal. No dependencies, no external hosts; every value is shown as text. */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('jit-portal-config').textContent);
  var app = document.getElementById('app');
  var store = window.sessionStorage;
  var TOKEN = 'jit-portal-token.' + config.realm;
  var VERIFIER = 'jit-portal-pkce.' + config.realm;
  var STATE = 'jit-portal-state.' + config.realm;
  var redirectUri = window.location.origin + config.portal;
  var auth = { mode: null, token: null, csrf: null };
  var current = { org: null, tab: 'overview', me: null };

  function t(key) {
    var text = config.messages[key] || key;
    text = text.replace(/''/g, "'");
    for (var i = 1; i < arguments.length; i++) {
      text = text.split('{' + (i - 1) + '}').join(String(arguments[i]));
    }
    return text;
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var children = Array.prototype.slice.call(arguments, 2);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name.indexOf('on') === 0) { node.addEventListener(name.substring(2), value); }
        else if (value === true) { node.setAttribute(name, ''); }
        else { node.setAttribute(name, String(value)); }
      });
    }
    children.forEach(function (child) {
      if (child === null || child === undefined) { return; }
      if (Array.isArray(child)) { child.forEach(function (c) { if (c) { node.appendChild(c); } }); }
      else if (typeof child === 'object') { node.appendChild(child); }
      else { node.appendChild(document.createTextNode(String(child))); }
    });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function random(bytes) {
    var data = new Uint8Array(bytes);
    window.crypto.getRandomValues(data);
    return base64url(data);
  }

  function base64url(data) {
    var text = '';
    for (var i = 0; i < data.length; i++) { text += String.fromCharCode(data[i]); }
    return window.btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function signIn() {
    var verifier = random(48);
    var state = random(24);
    store.setItem(VERIFIER, verifier);
    var query = new URLSearchParams(window.location.search);
    store.setItem(STATE, JSON.stringify({ state: state, org: query.get('org') }));
    window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (hash) {
      var params = new URLSearchParams({
        client_id: config.clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri,
        state: state, code_challenge: base64url(new Uint8Array(hash)), code_challenge_method: 'S256',
        ui_locales: config.locale
      });
      // ?idp=<alias> sends the admin straight to their organization's identity provider (a bookmarkable portal URL)
      if (query.get('idp')) { params.set('kc_idp_hint', query.get('idp')); }
      window.location.assign(config.auth + 'auth?' + params.toString());
    });
  }

  function finishSignIn(params) {
    var saved = JSON.parse(store.getItem(STATE) || '{}');
    var verifier = store.getItem(VERIFIER);
    store.removeItem(STATE);
    store.removeItem(VERIFIER);
    if (!verifier || saved.state !== params.get('state')) { return Promise.reject(new Error('state')); }
    var body = new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri,
      client_id: config.clientId, code_verifier: verifier
    });
    return fetch(config.auth + 'token', { method: 'POST', body: body, credentials: 'omit' })
      .then(function (response) { if (!response.ok) { throw new Error('token ' + response.status); } return response.json(); })
      .then(function (tokens) {
        store.setItem(TOKEN, tokens.access_token);
        window.history.replaceState(null, '', config.portal + (saved.org ? '?org=' + encodeURIComponent(saved.org) : ''));
      });
  }

  function signOut() {
    if (auth.mode === 'cookie') {
      // a setup-link session: ended on the server, its cookie deleted
      api('POST', 'sign-out').then(function () {
        clear(app);
        app.appendChild(el('p', { 'class': 'jit-notice jit-ok', id: 'jit-signed-out', role: 'status' }, t('jitPortalSignedOut')));
      }, failed);
      return;
    }
    store.removeItem(TOKEN);
    var params = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri });
    window.location.assign(config.auth + 'logout?' + params.toString());
  }

  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (auth.mode === 'bearer') { headers.Authorization = 'Bearer ' + auth.token; }
    if (auth.mode === 'cookie' && method !== 'GET') { headers['X-JIT-CSRF'] = auth.csrf; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(config.portal + 'api/' + path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 401 && auth.mode === 'bearer') { store.removeItem(TOKEN); signIn(); throw new Error('signing in'); }
      if (response.status === 204) { return null; }
      return response.json().then(function (json) {
        if (!response.ok) {
          // a refusal the portal can explain in the user's language is shown as it is, not as "something went wrong"
          var key = config.messages['jit-domain-' + json.error] ? 'jit-domain-' + json.error
            : config.messages['jitPortalRefusal.' + json.error] ? 'jitPortalRefusal.' + json.error : null;
          var error = new Error(key ? t(key) : (json.message || json.error));
          error.status = response.status; error.explained = key !== null; throw error;
        }
        return json;
      });
    });
  }

  function orgPath(path) { return 'organizations/' + encodeURIComponent(current.org.id) + (path ? '/' + path : ''); }

  function notice(text, kind) {
    var box = document.getElementById('jit-notice');
    clear(box);
    box.className = 'jit-notice' + (kind ? ' jit-' + kind : '');
    box.appendChild(document.createTextNode(text));
  }

  function failed(error) { notice(error.explained ? error.message : t('jitPortalError', error.message), 'error'); }

  function saved() { notice(t('jitPortalSaved'), 'ok'); }

  function disabled() { return current.org && current.org.enabled === false; }

  function readOnly() { return current.org && (current.org.access === 'REALM_VIEWER' || disabled()); }

  var TABS = ['overview', 'settings', 'grants', 'domains', 'admins', 'invitations', 'decisions'];
  var TAB_KEYS = { overview: 'jitPortalTabOverview', settings: 'jitPortalTabSettings', grants: 'jitPortalTabGrants',
    domains: 'jitPortalTabDomains', admins: 'jitPortalTabAdmins', invitations: 'jitPortalTabInvitations',
    decisions: 'jitPortalTabDecisions' };

  function shell() {
    clear(app);
    var who = auth.mode === 'cookie'
      ? t('jitPortalSessionLink', new Date(current.me.sessionEnds).toLocaleString(config.locale))
      : current.me.username;
    var tabs = el('nav', { 'class': 'jit-tabs', role: 'tablist', 'aria-label': t('jitPortalTitle') },
      TABS.map(function (tab) {
        return el('button', { type: 'button', role: 'tab', id: 'jit-tab-' + tab, 'aria-selected': tab === current.tab ? 'true' : 'false',
          'class': tab === current.tab ? 'jit-tab jit-active' : 'jit-tab',
          onclick: function () { current.tab = tab; shell(); },
          onkeydown: function (event) {
            var index = TABS.indexOf(tab);
            if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
              var next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
              current.tab = next; shell(); document.getElementById('jit-tab-' + next).focus();
            }
          } }, t(TAB_KEYS[tab]));
      }));
    var section = el('section', { id: 'jit-section', role: 'tabpanel', 'aria-labelledby': 'jit-tab-' + current.tab, tabindex: '-1' });
    app.appendChild(el('div', { 'class': 'jit-top' },
      el('h1', { id: 'jit-org-name' }, current.org.name),
      el('span', { 'class': 'jit-who' }, who, ' ',
        el('button', { type: 'button', 'class': 'jit-link', id: 'jit-sign-out', onclick: signOut }, t('jitPortalSignOut')))));
    if (readOnly()) {
      app.appendChild(el('p', { 'class': 'jit-notice jit-info', id: 'jit-read-only' },
        t(disabled() ? 'jitPortalDisabled' : 'jitPortalReadOnly')));
    }
    app.appendChild(tabs);
    app.appendChild(el('div', { id: 'jit-notice', 'class': 'jit-notice', role: 'status' }));
    app.appendChild(section);
    SECTIONS[current.tab](section);
  }

  function table(headers, rows) {
    return el('table', { 'class': 'jit-table' },
      el('thead', null, el('tr', null, headers.map(function (h) { return el('th', { scope: 'col' }, h); }))),
      el('tbody', null, rows));
  }

  /** While the organization's provisioning rate cap is reached: JIT is paused until the hour ends (read-only: the cap is the service provider's). */
  function rateCapBanner(parent, cap) {
    if (cap && cap.paused) {
      parent.appendChild(el('p', { 'class': 'jit-notice jit-error', id: 'jit-rate-cap-paused', role: 'status' },
        t('jitPortalRateCapPaused', cap.perHour, new Date(cap.windowEnd).toLocaleTimeString(config.locale))));
    }
  }

  function onOff(value) { return value ? t('jitPortalOn') : t('jitPortalOff'); }

  var SECTIONS = {
    overview: function (section) {
      api('GET', orgPath('')).then(function (o) {
        var outcomes = Object.keys(o.decisions.byOutcome);
        rateCapBanner(section, o.rateCap);
        section.appendChild(el('dl', { 'class': 'jit-facts', id: 'jit-overview' },
          el('dt', null, t('jitPortalName')), el('dd', null, o.name),
          el('dt', null, t('jitPortalJitStatus')), el('dd', { id: 'jit-overview-jit' }, onOff(o.jit.enabled)),
          el('dt', null, t('jitPortalSyncStatus')), el('dd', { id: 'jit-overview-sync' }, onOff(o.jit.syncProfile)),
          el('dt', null, t('jitPortalTabDomains')), el('dd', null, el('ul', null, o.domains.map(function (d) {
            return el('li', null, d.domain, ' (', t('jitPortalState.' + d.state), ')');
          }))),
          el('dt', null, t('jitPortalRateCap')), el('dd', { id: 'jit-overview-rate-cap' }, o.rateCap.perHour > 0
            ? t('jitPortalRateCapValue', o.rateCap.counted, o.rateCap.perHour) : t('jitPortalRateCapNone')),
          el('dt', null, t('jitPortalDecisions30')), el('dd', { id: 'jit-overview-decisions' },
            o.decisions.savedEvents ? el('ul', null, outcomes.map(function (k) { return el('li', null, k + ': ' + o.decisions.byOutcome[k]); }))
              : t('jitPortalEventsOff'))));
      }).catch(failed);
    },
    settings: function (section) {
      api('GET', orgPath('settings')).then(function (s) {
        var jit = el('input', { type: 'checkbox', id: 'jit-setting-enabled', checked: s.jitEnabled, disabled: readOnly() });
        var sync = el('input', { type: 'checkbox', id: 'jit-setting-sync', checked: s.syncProfile, disabled: readOnly() });
        section.appendChild(el('form', { id: 'jit-settings-form', onsubmit: function (event) {
          event.preventDefault();
          api('PUT', orgPath('settings'), { jitEnabled: jit.checked, syncProfile: sync.checked }).then(saved).catch(failed);
        } },
          el('p', null, el('label', null, jit, ' ', t('jitPortalJitEnabled'))),
          el('p', null, el('label', null, sync, ' ', t('jitPortalSyncProfile'))),
          el('p', { 'class': 'jit-hint' }, t('jitPortalNextLogin')),
          el('button', { type: 'submit', 'class': 'jit-primary', disabled: readOnly() }, t('jitPortalSave'))));
      }).catch(failed);
    },
    grants: function (section) {
      api('GET', orgPath('grants')).then(function (g) {
        function choices(kind, data) {
          if (!data.offered.length) { return el('p', { 'class': 'jit-hint' }, t('jitPortalNothingOffered')); }
          return el('div', null, data.offered.map(function (name) {
            return el('p', null, el('label', null, el('input', { type: 'checkbox', name: kind, value: name,
              checked: data.selected.indexOf(name) >= 0, disabled: readOnly() }), ' ', name));
          }));
        }
        var form = el('form', { id: 'jit-grants-form', onsubmit: function (event) {
          event.preventDefault();
          function picked(kind) {
            return Array.prototype.slice.call(form.querySelectorAll('input[name=' + kind + ']:checked')).map(function (i) { return i.value; });
          }
          api('PUT', orgPath('grants'), { roles: picked('role'), groups: picked('group') }).then(saved).catch(failed);
        } },
          el('fieldset', null, el('legend', null, t('jitPortalRoles')), choices('role', g.roles)),
          el('fieldset', null, el('legend', null, t('jitPortalGroups')), choices('group', g.groups)),
          el('p', { 'class': 'jit-hint' }, t('jitPortalNextLogin')),
          el('button', { type: 'submit', 'class': 'jit-primary', disabled: readOnly() }, t('jitPortalSave')));
        section.appendChild(form);
      }).catch(failed);
    },
    domains: function (section) {
      api('GET', orgPath('domains')).then(function (domains) {
        var input = el('input', { type: 'text', id: 'jit-domain-name', 'aria-label': t('jitPortalNewDomain'),
          placeholder: t('jitPortalNewDomain'), required: true });
        function copy(text) {
          return el('button', { type: 'button', 'class': 'jit-link', onclick: function () {
            navigator.clipboard.writeText(text).then(function () { notice(t('jitPortalCopied')); });
          } }, t('jitPortalCopy'));
        }
        function act(label, method, path) {
          return el('button', { type: 'button', 'class': 'jit-secondary', onclick: function () {
            api(method, orgPath('domains/' + path)).then(function () { shell(); saved(); }).catch(failed);
          } }, label);
        }
        section.appendChild(table([t('jitPortalDomain'), t('jitPortalDomainState'), t('jitPortalDnsRecord'), ''], domains.map(function (d) {
          var record = d.record && d.state !== 'verified' ? el('div', { 'class': 'jit-record' },
            el('div', null, 'TXT ', el('code', null, d.record.name), ' ', copy(d.record.name)),
            el('div', null, el('code', null, d.record.value), ' ', copy(d.record.value))) : null;
          var name = encodeURIComponent(d.domain);
          return el('tr', { 'class': 'jit-domain' }, el('td', null, d.domain),
            el('td', { 'class': 'jit-state-' + d.state }, t('jitPortalState.' + d.state)),
            el('td', null, record),
            el('td', null, readOnly() ? null : [
              d.record && d.state !== 'verified' ? act(t('jitPortalVerifyNow'), 'POST', name + '/verify') : null,
              act(t('jitPortalRemove'), 'DELETE', name)]));
        })));
        if (!readOnly()) {
          section.appendChild(el('form', { id: 'jit-domain-form', 'class': 'jit-inline', onsubmit: function (event) {
            event.preventDefault();
            api('POST', orgPath('domains'), { name: input.value }).then(function () { shell(); saved(); }).catch(failed);
          } }, input, el('button', { type: 'submit', 'class': 'jit-primary' }, t('jitPortalAdd'))));
          section.appendChild(el('p', { 'class': 'jit-hint' }, t('jitPortalDomainsHint')));
        }
      }).catch(failed);
    },
    admins: function (section) {
      api('GET', orgPath('admins')).then(function (a) {
        section.appendChild(el('p', { 'class': 'jit-hint' }, t('jitPortalAdminsIntro')));
        section.appendChild(table([t('jitPortalName'), t('jitPortalEmail'), ''], a.admins.map(function (u) {
          return el('tr', null, el('td', null, u.username), el('td', null, u.email || ''),
            el('td', null, readOnly() ? null : el('button', { type: 'button', 'class': 'jit-secondary', onclick: function () {
              api('DELETE', orgPath('admins/' + encodeURIComponent(u.id))).then(function () { shell(); saved(); }).catch(failed);
            } }, t('jitPortalRemove'))));
        })));
        var results = el('div', { id: 'jit-member-results' });
        var search = el('input', { type: 'search', id: 'jit-member-search', 'aria-label': t('jitPortalMembers') });
        section.appendChild(el('h2', null, t('jitPortalMembers')));
        section.appendChild(el('form', { id: 'jit-member-form', 'class': 'jit-inline', onsubmit: function (event) {
          event.preventDefault();
          api('GET', orgPath('admins/members?search=' + encodeURIComponent(search.value))).then(function (members) {
            clear(results);
            results.appendChild(table([t('jitPortalName'), t('jitPortalEmail'), ''], members.map(function (m) {
              return el('tr', null, el('td', null, m.username), el('td', null, m.email || ''),
                el('td', null, m.admin || readOnly() ? null : el('button', { type: 'button', 'class': 'jit-secondary', onclick: function () {
                  api('POST', orgPath('admins'), { userId: m.id }).then(function () { shell(); saved(); }).catch(failed);
                } }, t('jitPortalMakeAdmin'))));
            })));
          }).catch(failed);
        } }, search, el('button', { type: 'submit', 'class': 'jit-secondary' }, t('jitPortalSearch'))));
        section.appendChild(results);
      }).catch(failed);
    },
    invitations: function (section) {
      api('GET', orgPath('invitations')).then(function (list) {
        var email = el('input', { type: 'email', id: 'jit-invite-email', 'aria-label': t('jitPortalEmail'),
          placeholder: t('jitPortalEmail'), required: true });
        if (!readOnly()) {
          section.appendChild(el('form', { id: 'jit-invite-form', 'class': 'jit-inline', onsubmit: function (event) {
            event.preventDefault();
            api('POST', orgPath('invitations'), { email: email.value }).then(function () { shell(); saved(); }).catch(failed);
          } }, email, el('button', { type: 'submit', 'class': 'jit-primary' }, t('jitPortalInvite'))));
          section.appendChild(el('p', { 'class': 'jit-hint', id: 'jit-invite-other-organizations' }, t('jitPortalInviteOtherOrganizations')));
          section.appendChild(el('p', { id: 'jit-invite-help', 'class': 'jit-help' }, t('jitPortalInviteHelp')));
        }
        section.appendChild(table([t('jitPortalEmail'), '', ''], list.map(function (i) {
          function action(label, method, path) {
            return el('button', { type: 'button', 'class': 'jit-secondary', onclick: function () {
              api(method, orgPath('invitations/' + encodeURIComponent(i.id) + path)).then(function () { shell(); saved(); }).catch(failed);
            } }, label);
          }
          return el('tr', null, el('td', null, i.email),
            el('td', null, i.status === 'PENDING' ? t('jitPortalPending') : t('jitPortalExpired')),
            el('td', null, readOnly() ? null : [action(t('jitPortalResend'), 'POST', '/resend'), action(t('jitPortalRevoke'), 'DELETE', '')]));
        })));
      }).catch(failed);
    },
    decisions: function (section) {
      var outcome = el('select', { id: 'jit-decision-outcome', 'aria-label': t('jitPortalOutcome') },
        ['', 'blocked', 'provisioned', 'invited', 'not_applicable'].map(function (v) {
          return el('option', { value: v }, v === '' ? t('jitPortalAll') : v);
        }));
      var reference = el('input', { type: 'text', id: 'jit-decision-reference', placeholder: 'JIT-…', 'aria-label': t('jitPortalReference') });
      var results = el('div', { id: 'jit-decision-results' });
      function load() {
        var query = [];
        if (outcome.value) { query.push('outcome=' + encodeURIComponent(outcome.value)); }
        if (reference.value.trim()) { query.push('reference=' + encodeURIComponent(reference.value.trim())); }
        api('GET', orgPath('decisions' + (query.length ? '?' + query.join('&') : ''))).then(function (d) {
          clear(results);
          rateCapBanner(results, d.rateCap);
          if (!d.savedEvents) { results.appendChild(el('p', { 'class': 'jit-notice jit-info' }, t('jitPortalEventsOff'))); }
          if (!d.decisions.length) { results.appendChild(el('p', null, t('jitPortalNoDecisions'))); return; }
          results.appendChild(table([t('jitPortalOutcome'), t('jitPortalReason'), t('jitPortalEmail'), t('jitPortalReference'), t('jitPortalWhatToDo')],
            d.decisions.map(function (x) {
              return el('tr', { 'class': 'jit-decision' }, el('td', null, new Date(x.time).toLocaleString(config.locale), el('br'), x.outcome),
                el('td', null, x.reason), el('td', null, (x.identity ? x.identity + ' ' : '') + '@' + (x.emailDomain || '?')),
                el('td', null, el('code', null, x.reference)),
                el('td', null, x.advice ? t('jitPortalAdvice.' + x.advice) : '', x.action && !readOnly() ? [el('br'),
                  el('button', { type: 'button', 'class': 'jit-link', onclick: function () { current.tab = x.action; shell(); } },
                    t(TAB_KEYS[x.action]))] : null));
            })));
        }).catch(failed);
      }
      section.appendChild(el('form', { id: 'jit-decision-form', 'class': 'jit-inline', onsubmit: function (event) { event.preventDefault(); load(); } },
        outcome, reference, el('button', { type: 'submit', 'class': 'jit-secondary' }, t('jitPortalFind'))));
      section.appendChild(results);
      load();
    }
  };

  function choose(organizations) {
    var wanted = new URLSearchParams(window.location.search).get('org');
    var match = organizations.filter(function (o) { return o.id === wanted; })[0];
    if (match || organizations.length === 1) { current.org = match || organizations[0]; shell(); return; }
    clear(app);
    if (!organizations.length) { app.appendChild(el('p', { 'class': 'jit-notice jit-info', id: 'jit-no-organization' }, t('jitPortalNoOrganization'))); return; }
    app.appendChild(el('h1', null, t('jitPortalChooseOrganization')));
    app.appendChild(el('ul', { 'class': 'jit-orgs' }, organizations.map(function (o) {
      return el('li', null, el('button', { type: 'button', 'class': 'jit-secondary', onclick: function () {
        current.org = o; window.history.replaceState(null, '', config.portal + '?org=' + encodeURIComponent(o.id)); shell();
      } }, o.name));
    })));
  }

  function start() {
    var params = new URLSearchParams(window.location.search);
    var begin = params.get('code') ? finishSignIn(params) : Promise.resolve();
    begin.then(function () {
      auth.token = store.getItem(TOKEN);
      auth.mode = auth.token ? 'bearer' : 'cookie';
      return api('GET', 'me');
    }).then(function (me) {
      current.me = me;
      if (me.kind === 'setup-link') { auth.csrf = me.csrf; }
      choose(me.organizations);
    }).catch(function (error) {
      if (error.status === 401 && auth.mode === 'cookie' && !params.get('error')) { signIn(); return; }
      clear(app);
      app.appendChild(el('p', { 'class': 'jit-notice jit-error' }, t('jitPortalError', error.message)));
      app.appendChild(el('button', { type: 'button', 'class': 'jit-primary', id: 'jit-sign-in', onclick: signIn }, t('jitPortalSignIn')));
    });
  }

  start();
}());
