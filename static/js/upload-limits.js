// Checks the size of a chosen file at its field, before the form is sent:
// a file over the limit would otherwise travel to the server only to be
// refused there. The limit comes from the input's data-max-bytes.
(function () {
  "use strict";

  var SELECTOR = "input[type=file][data-max-bytes]";

  function megabytes(bytes) {
    return (bytes / 1048576).toLocaleString("de-DE", { maximumFractionDigits: 1 }) + " MB";
  }

  function noteFor(input) {
    var id = (input.id || input.name) + "-groesse";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "upload-size-note";
      note.setAttribute("role", "alert");
      note.hidden = true;
      input.insertAdjacentElement("afterend", note);
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return note;
  }

  // True when every chosen file is within the limit; otherwise says why at the field.
  function check(input) {
    var limit = Number(input.dataset.maxBytes);
    var tooBig = Array.prototype.find.call(input.files || [], function (file) {
      return file.size > limit;
    });
    var note = noteFor(input);
    if (tooBig) {
      note.textContent =
        "Die Datei „" + tooBig.name + "“ ist " + megabytes(tooBig.size) +
        " groß; hier sind höchstens " + megabytes(limit) +
        " erlaubt. Bitte wählen Sie eine kleinere Datei.";
      note.hidden = false;
      input.setAttribute("aria-invalid", "true");
      return false;
    }
    note.textContent = "";
    note.hidden = true;
    input.removeAttribute("aria-invalid");
    return true;
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches(SELECTOR)) {
      check(event.target);
    }
  });

  // The admin's forms are novalidate, so the browser's own checks would not stop them.
  document.addEventListener(
    "submit",
    function (event) {
      var refused = Array.prototype.filter.call(
        event.target.querySelectorAll(SELECTOR),
        function (input) { return !check(input); }
      );
      if (refused.length) {
        event.preventDefault();
        refused[0].focus();
      }
    },
    true
  );
})();
