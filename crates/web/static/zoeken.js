/*
 * watwerkt: suggestions while typing in a search form.
 *
 * Progressive enhancement only: every search form works without this script.
 * With it, each <input data-suggest="/api/v1/suggest"> gets a <datalist> that
 * is filled from that address (?q=…&limit=…) as the visitor types; the
 * browser shows the list accessibly (keyboard and screen reader). Failures
 * are silent: the form simply keeps working without suggestions.
 */
(function () {
  'use strict';
  if (!window.fetch || !document.querySelectorAll) {
    return;
  }
  var MIN_CHARS = 2;
  var DELAY_MS = 150;
  var LIMIT = 8;

  function enhance(input, index) {
    var endpoint = input.getAttribute('data-suggest');
    if (!endpoint) {
      return;
    }
    var list = document.createElement('datalist');
    list.id = (input.id || 'zoekveld-' + index) + '-suggesties';
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');

    var timer = 0;
    var controller = null;
    var asked = '';

    function fill(items, typed) {
      var seen = Object.create(null);
      list.textContent = '';
      items.forEach(function (item) {
        var text = item && typeof item.text === 'string' ? item.text : '';
        var key = text.toLowerCase();
        if (!text || seen[key] || key === typed.toLowerCase()) {
          return;
        }
        seen[key] = true;
        var option = document.createElement('option');
        option.value = text;
        list.appendChild(option);
      });
    }

    function update() {
      var typed = input.value.trim();
      if (typed === asked) {
        return;
      }
      asked = typed;
      if (controller) {
        controller.abort();
        controller = null;
      }
      if (typed.length < MIN_CHARS) {
        fill([], typed);
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      var url = endpoint + '?q=' + encodeURIComponent(typed) + '&limit=' + LIMIT;
      fetch(url, {
        headers: { Accept: 'application/json' },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (items) {
          if (Array.isArray(items) && input.value.trim() === typed) {
            fill(items, typed);
          }
        })
        .catch(function () {
          /* aborted or offline: no suggestions, the form still works */
        });
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY_MS);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('input[data-suggest]'), enhance);
})();
