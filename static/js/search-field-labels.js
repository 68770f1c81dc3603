// Gives the search fields of the admin's autocomplete fields a name.
// For a field that takes several choices (an article's categories),
// Select2 draws its own search field in place of the list and leaves it
// unlabelled, so a screen reader would announce an empty "search field".
// It gets the name of the field's own label, once Select2 has drawn it.
(function () {
  "use strict";

  if (!document.querySelector("select.admin-autocomplete")) {
    return;
  }

  function name(field) {
    // Select2 puts its container right after the list it stands in for; the
    // search field of an opened drop-down lies elsewhere and is left alone.
    var container = field.closest(".select2-container");
    var select = container && container.previousElementSibling;
    if (!select || select.tagName !== "SELECT" || !select.labels.length) {
      return;
    }
    field.setAttribute("aria-label", select.labels[0].textContent.trim().replace(/:$/, ""));
  }

  function nameAll(root) {
    if (root.matches(".select2-search__field")) {
      name(root);
    }
    root.querySelectorAll(".select2-search__field").forEach(name);
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          nameAll(node);
        }
      });
    });
  }).observe(document.body, { childList: true, subtree: true });
  nameAll(document.body);
})();
