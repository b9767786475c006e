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

  /** Downloads a CSV answer of the API with the same credentials as every other call. */
  function exportCsv(path) {
    var headers = { 'Accept': 'text/csv' };
    if (auth.mode === 'bearer') { headers.Authorization = 'Bearer ' + auth.token; }
    fetch(config.portal + 'api/' + path, { method: 'GET', headers: headers, credentials: 'same-origin' })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.blob(); })
      .then(function (blob) {
        var link = el('a', { href: URL.createObjectURL(blob), download: 'members.csv' });
        document.body.appendChild(link); link.click(); document.body.removeChild(link);
      }).catch(failed);
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

  var TABS = ['overview', 'settings', 'grants', 'domains', 'sso', 'members', 'admins', 'invitations', 'decisions'];
  var TAB_KEYS = { overview: 'jitPortalTabOverview', settings: 'jitPortalTabSettings', grants: 'jitPortalTabGrants',
    domains: 'jitPortalTabDomains', sso: 'jitPortalTabSso', members: 'jitPortalTabMembers', admins: 'jitPortalTabAdmins',
    invitations: 'jitPortalTabInvitations', decisions: 'jitPortalTabDecisions' };

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
          el('dt', null, t('jitPortalMode')), el('dd', { id: 'jit-overview-mode' }, t('jitPortalMode.' + o.jit.mode)),
          el('dt', null, t('jitPortalTabDomains')), el('dd', null, el('ul', null, o.domains.map(function (d) {
            return el('li', null, d.domain, ' (', t('jitPortalState.' + d.state), ')');
          }))),
          el('dt', null, t('jitPortalRateCap')), el('dd', { id: 'jit-overview-rate-cap' }, o.rateCap.perHour > 0
            ? t('jitPortalRateCapValue', o.rateCap.counted, o.rateCap.perHour) : t('jitPortalRateCapNone')),
          el('dt', null, t('jitPortalDecisions30')), el('dd', { id: 'jit-overview-decisions' },
            o.decisions.savedEvents ? el('ul', null, outcomes.map(function (k) { return el('li', null, k + ': ' + o.decisions.byOutcome[k]); }))
              : t('jitPortalEventsOff')),
          o.jit.mode === 'report-only' || o.decisions.wouldHaveRefused ? [el('dt', null, t('jitPortalWouldHaveRefused')),
            el('dd', { id: 'jit-overview-would-have-refused' }, o.decisions.wouldHaveRefused
              ? t('jitPortalWouldHaveRefusedCount', o.decisions.wouldHaveRefused) : t('jitPortalWouldHaveRefusedNone'))] : null));
      }).catch(failed);
    },
    settings: function (section) {
      api('GET', orgPath('settings')).then(function (s) {
        var jit = el('input', { type: 'checkbox', id: 'jit-setting-enabled', checked: s.jitEnabled, disabled: readOnly() });
        var sync = el('input', { type: 'checkbox', id: 'jit-setting-sync', checked: s.syncProfile, disabled: readOnly() });
        var offered = s.portalModes.indexOf(s.mode) < 0 ? [s.mode].concat(s.portalModes) : s.portalModes;
        var mode = el('select', { id: 'jit-setting-mode', 'aria-label': t('jitPortalMode'), disabled: readOnly() || offered.length < 2 },
          offered.map(function (m) { return el('option', { value: m, selected: m === s.mode }, t('jitPortalMode.' + m)); }));
        section.appendChild(el('form', { id: 'jit-settings-form', onsubmit: function (event) {
          event.preventDefault();
          var body = { jitEnabled: jit.checked, syncProfile: sync.checked };
          if (mode.value !== s.mode) { body.mode = mode.value; }
          api('PUT', orgPath('settings'), body).then(function (answer) { s = answer; saved(); }).catch(failed);
        } },
          el('p', null, el('label', null, jit, ' ', t('jitPortalJitEnabled'))),
          el('p', null, el('label', null, sync, ' ', t('jitPortalSyncProfile'))),
          el('p', null, el('label', { 'for': 'jit-setting-mode' }, t('jitPortalMode')), ' ', mode),
          el('p', { 'class': 'jit-hint' }, t('jitPortalModeHint')),
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
    sso: function (section) {
      api('GET', orgPath('sso')).then(function (s) { ssoSection(section, s); }).catch(failed);
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
    members: function (section) {
      var search = el('input', { type: 'search', id: 'jit-members-search', 'aria-label': t('jitPortalSearch'), placeholder: t('jitPortalSearch') });
      var days = el('input', { type: 'number', id: 'jit-members-inactive-days', min: '1', max: '36500',
        'aria-label': t('jitPortalMembersInactiveDays'), placeholder: t('jitPortalMembersInactiveDays') });
      var results = el('div', { id: 'jit-members-results' });
      function when(millis) { return millis ? new Date(millis).toISOString().substring(0, 10) : t('jitPortalMembersNever'); }
      function query() {
        var params = new URLSearchParams();
        if (search.value) { params.set('search', search.value); }
        if (days.value) { params.set('inactiveDays', days.value); }
        return params.toString();
      }
      function load() {
        api('GET', orgPath('members?max=1000&' + query())).then(function (answer) {
          clear(results);
          results.appendChild(table([t('jitPortalName'), t('jitPortalEmail'), t('jitPortalMembersOrigin'),
            t('jitPortalMembersFirstSignIn'), t('jitPortalMembersLastSignIn'), t('jitPortalMembersGroups'), t('jitPortalMembersRoles'),
            t('jitPortalMembersRemovalDue'), ''],
          answer.members.map(function (m) {
            return el('tr', { 'data-member': m.id },
              el('td', null, [m.firstName, m.lastName].filter(Boolean).join(' ') || m.username),
              el('td', null, m.email || ''),
              el('td', { 'class': 'jit-origin' }, t('jitPortalOrigin.' + m.origin) + (m.identityProvider ? ' (' + m.identityProvider + ')' : '')),
              el('td', null, when(m.firstSignInAt)),
              el('td', { 'class': 'jit-last-sign-in' }, when(m.lastSignInAt)),
              el('td', null, m.groups.join(', ')),
              el('td', null, m.jitRoles.join(', ')),
              el('td', { 'class': 'jit-removal-due' }, m.removalDueAt ? t('jitPortalMembersWillBeRemoved', when(m.removalDueAt)) : ''),
              el('td', null, readOnly() ? null : el('button', { type: 'button', 'class': 'jit-secondary jit-remove-member', onclick: function () {
                if (!window.confirm(t('jitPortalMembersRemoveConfirm', m.username))) { return; }
                api('DELETE', orgPath('members/' + encodeURIComponent(m.id))).then(function () { load(); saved(); }).catch(failed);
              } }, t('jitPortalRemove'))));
          })));
        }).catch(failed);
      }
      section.appendChild(el('form', { id: 'jit-members-form', 'class': 'jit-inline', onsubmit: function (event) {
        event.preventDefault(); load();
      } }, search, days, el('button', { type: 'submit', 'class': 'jit-primary' }, t('jitPortalSearch')),
        el('button', { type: 'button', id: 'jit-members-export', 'class': 'jit-secondary', onclick: function () {
          exportCsv(orgPath('members/export?' + query()));
        } }, t('jitPortalMembersExport'))));
      section.appendChild(el('p', { 'class': 'jit-hint' }, t('jitPortalMembersHint')));
      section.appendChild(results);
      var ruleBox = el('div', { id: 'jit-inactivity-rule' });
      section.appendChild(el('h2', null, t('jitPortalInactivityRule')));
      section.appendChild(ruleBox);
      api('GET', orgPath('members/inactivity-rule')).then(function (rule) {
        var mode = el('select', { id: 'jit-inactivity-mode', 'aria-label': t('jitPortalInactivityMode'), disabled: readOnly() },
          ['off', 'report-only', 'enforce'].map(function (v) {
            return el('option', { value: v, selected: rule.mode === v }, t('jitPortalInactivityMode.' + v));
          }));
        var ruleDays = el('input', { type: 'number', id: 'jit-inactivity-days', min: String(rule.minDays), max: String(rule.maxDays),
          value: rule.days ? String(rule.days) : '', 'aria-label': t('jitPortalInactivityDays'), disabled: readOnly() });
        ruleBox.appendChild(el('p', { 'class': 'jit-hint' }, t('jitPortalInactivityHint', rule.minDays, rule.maxDays)));
        ruleBox.appendChild(el('form', { id: 'jit-inactivity-form', 'class': 'jit-inline', onsubmit: function (event) {
          event.preventDefault();
          var body = { mode: mode.value };
          if (ruleDays.value) { body.days = parseInt(ruleDays.value, 10); }
          api('PUT', orgPath('members/inactivity-rule'), body).then(function () { shell(); saved(); }).catch(failed);
        } }, mode, ruleDays, readOnly() ? null : el('button', { type: 'submit', 'class': 'jit-primary' }, t('jitPortalSave'))));
      }).catch(failed);
      load();
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
        ['', 'blocked', 'would-have-refused', 'provisioned', 'invited', 'not_applicable'].map(function (v) {
          return el('option', { value: v }, v === '' ? t('jitPortalAll') : v === 'would-have-refused' ? t('jitPortalWouldHaveRefused') : v);
        }));
      var reference = el('input', { type: 'text', id: 'jit-decision-reference', placeholder: 'JIT-…', 'aria-label': t('jitPortalReference') });
      var results = el('div', { id: 'jit-decision-results' });
      function load() {
        var query = [];
        if (outcome.value === 'would-have-refused') { query.push('wouldHaveRefused=true'); }
        else if (outcome.value) { query.push('outcome=' + encodeURIComponent(outcome.value)); }
        if (reference.value.trim()) { query.push('reference=' + encodeURIComponent(reference.value.trim())); }
        api('GET', orgPath('decisions' + (query.length ? '?' + query.join('&') : ''))).then(function (d) {
          clear(results);
          rateCapBanner(results, d.rateCap);
          if (!d.savedEvents) { results.appendChild(el('p', { 'class': 'jit-notice jit-info' }, t('jitPortalEventsOff'))); }
          if (!d.decisions.length) { results.appendChild(el('p', null, t('jitPortalNoDecisions'))); return; }
          results.appendChild(table([t('jitPortalOutcome'), t('jitPortalReason'), t('jitPortalEmail'), t('jitPortalReference'), t('jitPortalWhatToDo')],
            d.decisions.map(function (x) {
              return el('tr', { 'class': 'jit-decision' + (x.wouldHaveRefused ? ' jit-would-have-refused' : '') },
                el('td', null, new Date(x.time).toLocaleString(config.locale), el('br'), x.outcome,
                  x.wouldHaveRefused ? [el('br'), el('strong', null, t('jitPortalWouldHaveRefused'))] : null),
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

  function copyButton(text) {
    return el('button', { type: 'button', 'class': 'jit-link', onclick: function () {
      navigator.clipboard.writeText(text).then(function () { notice(t('jitPortalCopied')); });
    } }, t('jitPortalCopy'));
  }

  function redirectUris(uris, id) {
    return el('dl', { 'class': 'jit-facts', id: id },
      el('dt', null, t('jitPortalSsoRedirectSignIn')), el('dd', null, el('code', { 'class': 'jit-uri-signin' }, uris.signIn), ' ', copyButton(uris.signIn)),
      el('dt', null, t('jitPortalSsoRedirectTest')), el('dd', null, el('code', { 'class': 'jit-uri-test' }, uris.test), ' ', copyButton(uris.test)));
  }

  /** The form of a new IdP (idp null) or of an existing one's settings; the secret is write-only. */
  function ssoForm(idp) {
    function field(name, label, type, value, required) {
      var input = el('input', { type: type, id: 'jit-sso-' + name + (idp ? '-edit' : ''), name: name, value: value || '',
        required: required, autocomplete: type === 'password' ? 'new-password' : 'off' });
      return { input: input, row: el('p', null, el('label', null, label, el('br'), input)) };
    }
    var discovery = field('discovery', t('jitPortalSsoDiscovery'), 'url', idp ? idp.discoveryUrl : '', !idp);
    var clientId = field('client-id', t('jitPortalSsoClientId'), 'text', idp ? idp.clientId : '', !idp);
    var secret = field('client-secret', t('jitPortalSsoClientSecret'), 'password', '', !idp);
    var scopes = field('scopes', t('jitPortalSsoScopes'), 'text', idp ? idp.scopes : 'openid email profile', false);
    var name = field('display-name', t('jitPortalSsoDisplayName'), 'text', idp ? idp.displayName : current.org.name, false);
    return el('form', { id: idp ? 'jit-sso-edit-' + idp.alias : 'jit-sso-form', onsubmit: function (event) {
      event.preventDefault();
      var body = { displayName: name.input.value, clientId: clientId.input.value, scopes: scopes.input.value };
      if (!idp || discovery.input.value !== idp.discoveryUrl) { body.discoveryUrl = discovery.input.value; }
      if (secret.input.value) { body.clientSecret = secret.input.value; }
      if (!idp) { body.protocol = 'oidc'; }
      api(idp ? 'PUT' : 'POST', orgPath('sso' + (idp ? '/' + encodeURIComponent(idp.alias) : '')), body)
        .then(function () { shell(); saved(); }).catch(failed);
    } }, discovery.row, clientId.row, secret.row, idp ? el('p', { 'class': 'jit-hint' }, t('jitPortalSsoSecretKept')) : null,
      scopes.row, name.row,
      el('button', { type: 'submit', 'class': 'jit-primary' }, t(idp ? 'jitPortalSsoUpdate' : 'jitPortalSsoConnect')));
  }

  function ssoResult(box, alias) {
    return api('GET', orgPath('sso/' + encodeURIComponent(alias) + '/test')).then(function (r) {
      clear(box);
      if (!r.ok) {
        box.appendChild(el('p', { 'class': 'jit-notice jit-error jit-sso-result', 'data-ok': 'false' }, t('jitPortalSsoResultFailed', r.step, r.error)));
        return r;
      }
      var d = r.decision;
      box.appendChild(el('div', { 'class': 'jit-sso-result', 'data-ok': 'true' },
        el('p', { 'class': 'jit-notice jit-ok' }, t('jitPortalSsoResultOk')),
        el('dl', { 'class': 'jit-facts jit-sso-claims' }, Object.keys(r.claims).map(function (k) {
          return [el('dt', null, k), el('dd', null, typeof r.claims[k] === 'object' ? JSON.stringify(r.claims[k]) : String(r.claims[k]))];
        }).reduce(function (a, b) { return a.concat(b); }, [])),
        el('p', { 'class': 'jit-sso-decision', 'data-outcome': d.outcome }, t('jitPortalSsoDecision', d.outcome, d.reason)),
        d.advice ? el('p', { 'class': 'jit-notice jit-info jit-sso-advice' }, t('jitPortalAdvice.' + d.advice)) : null,
        r.current ? null : el('p', { 'class': 'jit-hint' }, t('jitPortalSsoNotCurrent'))));
      return r;
    }, function (error) { if (error.status !== 404) { throw error; } return null; });
  }

  function ssoTest(idp, box) {
    // the window opens in the click (no popup blocker), then goes to the IdP; it never shares this page's opener
    var popup = window.open('about:blank', 'jit-sso-test-' + idp.alias, 'popup,width=640,height=720');
    var started = new Date().toISOString();
    api('POST', orgPath('sso/' + encodeURIComponent(idp.alias) + '/test')).then(function (answer) {
      if (popup) { popup.opener = null; popup.location.href = answer.authorizationUrl; }
      else { window.open(answer.authorizationUrl, '_blank', 'noopener'); }
      clear(box);
      box.appendChild(el('p', { 'class': 'jit-notice jit-info' }, t('jitPortalSsoWaiting')));
      var polls = 0;
      var timer = window.setInterval(function () {
        polls++;
        ssoResult(box, idp.alias).then(function (r) {
          if ((r && r.finishedAt > started) || polls > 300) {
            window.clearInterval(timer);
            if (r && r.finishedAt > started) { shell(); }
          } else if (!r || r.finishedAt <= started) {
            clear(box); box.appendChild(el('p', { 'class': 'jit-notice jit-info' }, t('jitPortalSsoWaiting')));
          }
        }).catch(function (error) { window.clearInterval(timer); failed(error); });
      }, 2000);
    }).catch(function (error) { if (popup) { popup.close(); } failed(error); });
  }

  function ssoSection(section, s) {
    if (!s.enabled) { section.appendChild(el('p', { 'class': 'jit-notice jit-info', id: 'jit-sso-off' }, t('jitPortalSsoOff'))); return; }
    if (!s.verifiedDomains.length) {
      section.appendChild(el('p', { 'class': 'jit-notice jit-info', id: 'jit-sso-needs-domain' }, t('jitPortalSsoNeedsDomain')));
    }
    if (s.otherIdentityProviders.length) {
      section.appendChild(el('p', { 'class': 'jit-hint' }, t('jitPortalSsoOthers',
        s.otherIdentityProviders.map(function (o) { return o.displayName; }).join(', '))));
    }
    section.appendChild(table([t('jitPortalSsoIdp'), t('jitPortalSsoStateCol'), t('jitPortalSsoDomains'), ''], s.identityProviders.map(function (idp) {
      var path = 'sso/' + encodeURIComponent(idp.alias);
      var box = el('div', { 'class': 'jit-sso-result-box', id: 'jit-sso-result-' + idp.alias });
      function act(label, method, suffix, id) {
        return el('button', { type: 'button', 'class': 'jit-secondary', id: id, onclick: function () {
          api(method, orgPath(path + suffix)).then(function () { shell(); saved(); }).catch(failed);
        } }, label);
      }
      var buttons = readOnly() ? null : [
        el('button', { type: 'button', 'class': 'jit-primary', id: 'jit-sso-test-' + idp.alias, onclick: function () { ssoTest(idp, box); } }, t('jitPortalSsoTest')),
        idp.state === 'tested' || idp.state === 'disabled' ? act(t('jitPortalSsoGoLive'), 'POST', '/go-live', 'jit-sso-go-live-' + idp.alias) : null,
        idp.enabled ? act(t('jitPortalSsoDisable'), 'POST', '/disable', 'jit-sso-disable-' + idp.alias) : null,
        el('button', { type: 'button', 'class': 'jit-secondary', id: 'jit-sso-delete-' + idp.alias, onclick: function () {
          api('DELETE', orgPath(path)).then(function () { shell(); saved(); }).catch(function (error) {
            if (error.status !== 409) { failed(error); return; }
            var name = window.prompt(t('jitPortalSsoDeleteConfirm'));
            if (name === null) { return; }
            api('DELETE', orgPath(path + '?confirm=' + encodeURIComponent(name))).then(function () { shell(); saved(); }).catch(failed);
          });
        } }, t('jitPortalSsoDelete'))];
      ssoResult(box, idp.alias).catch(failed);
      return el('tr', { 'class': 'jit-sso-idp', 'data-alias': idp.alias },
        el('td', null, idp.displayName, el('br'), el('small', null, idp.issuer), redirectUris(idp.redirectUris, 'jit-sso-uris-' + idp.alias),
          readOnly() ? null : el('details', null, el('summary', null, t('jitPortalSsoUpdate')), ssoForm(idp))),
        el('td', { 'class': 'jit-sso-state jit-state-' + idp.state }, t('jitPortalSsoState.' + idp.state)),
        el('td', null, idp.domains.join(', ')),
        el('td', null, buttons, box));
    })));
    if (readOnly() || !s.verifiedDomains.length) { return; }
    if (s.identityProviders.length >= s.maxIdentityProviders) {
      section.appendChild(el('p', { 'class': 'jit-hint' }, t('jitPortalSsoLimit', s.maxIdentityProviders)));
      return;
    }
    section.appendChild(el('h2', null, t('jitPortalSsoConnect')));
    section.appendChild(el('p', null, t('jitPortalSsoIntro')));
    section.appendChild(redirectUris(s.next.redirectUris, 'jit-sso-next-uris'));
    section.appendChild(el('p', { 'class': 'jit-hint' }, t('jitPortalSsoGuides')));
    section.appendChild(ssoForm(null));
  }

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
