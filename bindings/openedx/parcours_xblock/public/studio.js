/* The author's view of ParcoursXBlock: the curriculum and the settings, saved
 * through the `save_settings` handler, which has the engine check the
 * curriculum. Nothing is saved when the curriculum has an error: each problem
 * is listed with its line:column and JSON pointer, French first, then English;
 * the previous curriculum stays. */
/* exported ParcoursStudio */
function ParcoursStudio(runtime, element) {
  'use strict';
  var root = element && element.jquery ? element[0] : element;
  var $ = function (s) { return root.querySelector(s); };
  var status = $('.parcours-studio-status');
  var list = $('.parcours-diagnostics');

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }
  function notify(name, data) {
    if (runtime && typeof runtime.notify === 'function') runtime.notify(name, data);
  }
  function words(message) {
    return message.fr + ' [en] ' + message.en;
  }
  function show(answer) {
    status.textContent = words(answer.message);
    status.classList.toggle('parcours-error', !answer.ok);
    list.replaceChildren();
    (answer.diagnostics || []).forEach(function (d) {
      var li = document.createElement('li');
      li.className = 'parcours-diagnostic ' + d.severity;
      li.dataset.code = d.code;
      var where = (d.line ? 'ligne ' + d.line + ', colonne ' + d.column : '') + (d.pointer ? ' (' + d.pointer + ')' : '');
      var whereEn = (d.line ? 'line ' + d.line + ', column ' + d.column : '') + (d.pointer ? ' (' + d.pointer + ')' : '');
      var fr = document.createElement('p');
      fr.textContent = (d.severity === 'error' ? 'erreur' : 'avertissement') + '[' + d.code + '] ' + where + ' : ' + d.fr.message + ' — aide : ' + d.fr.hint;
      var en = document.createElement('p');
      en.lang = 'en';
      en.textContent = '[en] ' + d.severity + '[' + d.code + '] ' + whereEn + ': ' + d.en.message + ' — hint: ' + d.en.hint;
      li.append(fr, en);
      list.append(li);
    });
    root.dataset.saved = String(Number(root.dataset.saved || 0) + 1);
  }

  $('.save-button').addEventListener('click', function () {
    notify('save', { state: 'start' });
    fetch(runtime.handlerUrl(root, 'save_settings'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf() },
      body: JSON.stringify({
        display_name: $('input[name=display_name]').value,
        lang: $('select[name=lang]').value,
        audience: $('input[name=audience]').value,
        curriculum: $('textarea[name=curriculum]').value,
      }),
    }).then(function (r) { return r.json(); }).then(function (answer) {
      show(answer);
      if (answer.ok) notify('save', { state: 'end' });
      else notify('error', { title: 'parcours', message: words(answer.message) });
    }, function () {
      show({ ok: false, message: { fr: 'Le serveur ne répond pas : rien n’a été enregistré.', en: 'The server does not answer: nothing was saved.' } });
    });
  });
  $('.cancel-button').addEventListener('click', function () { notify('cancel', {}); });
}
