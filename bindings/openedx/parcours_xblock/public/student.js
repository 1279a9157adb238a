/* The learner's view of ParcoursXBlock: hosts <parcours-path> (bindings/js,
 * served as this block's resources) and asks the server to mark a module done.
 *
 * The server decides: it checks with the engine that the module may be taken,
 * keeps the record and publishes the grade; the page only shows what the server
 * answered (the record it stored, its message). A classic script, because the
 * XBlock runtime calls a global function; the component is an ES module, loaded
 * with import() from the same origin. */
/* exported ParcoursXBlock */
function ParcoursXBlock(runtime, element, args) {
  'use strict';
  var root = element && element.jquery ? element[0] : element;
  var path = root.querySelector('parcours-path');
  var status = root.querySelector('.parcours-status');
  var box = root.querySelector('.parcours-xblock');

  function say(message, isError) {
    status.textContent = '';
    var fr = document.createElement('span');
    fr.textContent = message.fr;
    var en = document.createElement('span');
    en.lang = 'en';
    en.textContent = ' [en] ' + message.en;
    status.append(fr, en);
    status.classList.toggle('parcours-error', Boolean(isError));
  }

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  function post(handler, body) {
    return fetch(runtime.handlerUrl(root, handler), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf() },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, message: { fr: 'Réponse illisible du serveur (' + response.status + ').', en: 'Unreadable answer from the server (' + response.status + ').' } };
      });
    });
  }

  var ready = import(args.runtime + 'component.js').then(function () {
    path.lang = args.lang;
    path.today = args.today;
    path.curriculum = args.curriculum;
    path.record = args.record;
    path.addEventListener('parcours-done', function (e) {
      var module = e.detail && e.detail.module;
      post('mark_done', { module: module }).then(function (answer) {
        if (answer.ok) path.record = answer.record;
        say(answer.message, !answer.ok);
        box.dataset.saves = String(Number(box.dataset.saves || 0) + 1);
      }, function () {
        say({ fr: 'Le serveur ne répond pas : rien n’a été enregistré, réessayez.', en: 'The server does not answer: nothing was saved, try again.' }, true);
        box.dataset.saves = String(Number(box.dataset.saves || 0) + 1);
      });
    });
    return path.rendered;
  }).then(function () {
    box.dataset.ready = 'true';
  }, function (error) {
    say({ fr: 'Le parcours n’a pas pu s’afficher (' + error.message + ').', en: 'The path could not be shown (' + error.message + ').' }, true);
  });
  return { ready: ready };
}
