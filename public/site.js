/* Every page: the header's menu on a narrow screen and, on the search page, the filters' panel.
   Without this script the header shows all its links and the filters follow the results. */
(function () {
  'use strict';
  var narrow = window.matchMedia('(max-width: 48rem)');

  /** A button that shows and hides the element it controls; Escape closes it and gives focus back. */
  function disclosure(button, panel, onChange) {
    function set(open) {
      button.setAttribute('aria-expanded', String(open));
      panel.classList.toggle('open', open);
      if (onChange) onChange(open);
    }
    button.addEventListener('click', function () {
      set(button.getAttribute('aria-expanded') !== 'true');
    });
    function closeOnEscape(e) {
      if (e.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true') return;
      set(false);
      button.focus();
    }
    panel.addEventListener('keydown', closeOnEscape);
    button.addEventListener('keydown', closeOnEscape);
    return set;
  }

  var header = document.querySelector('.site-header');
  var toggle = header && header.querySelector('.menu-toggle');
  var menu = document.getElementById('site-menu');
  if (header && toggle && menu) {
    header.classList.add('has-menu');
    var setMenu = disclosure(toggle, menu);
    // Widening the window shows the links again: a closed menu does not hide them on a wide screen.
    narrow.addEventListener('change', function () {
      setMenu(false);
    });
  }

  var facets = document.getElementById('filters');
  var jump = document.querySelector('a.filters-jump');
  if (facets && jump) {
    var layout = facets.parentElement;
    // The panel comes first in the page's order, so it opens right under its button.
    layout.insertBefore(facets, layout.firstElementChild);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'filters-toggle secondary';
    button.setAttribute('aria-controls', 'filters');
    button.setAttribute('aria-expanded', 'false');
    button.append.apply(button, Array.prototype.slice.call(jump.childNodes));
    jump.replaceWith(button);
    document.body.classList.add('has-filter-panel');
    disclosure(button, facets, function (open) {
      if (open) facets.focus();
    });
  }
})();
