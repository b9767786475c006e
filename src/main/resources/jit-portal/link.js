// The landing page of a setup link: the link's secret travels in the URL's fragment (#<id>.<secret>), which the
// browser never sends to a server, so it lands in no access log. This script puts it into the form that opens the
// link, and takes it out of the address bar and the history.
(function () {
  'use strict';
  var field = document.getElementById('jit-link-token');
  var secret = window.location.hash ? window.location.hash.substring(1) : '';
  if (field && secret) {
    field.value = decodeURIComponent(secret);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}());
