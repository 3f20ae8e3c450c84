// Client-side filters: rows carry data-* attributes; the filter named in
// the URL hash (#failing) applies on load, so a filtered view can be linked.
(function () {
  function rowsOf(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }
  function setup(table) {
    var controls = document.querySelector('[data-controls="' + table.id + '"]');
    if (!controls) return;
    var search = controls.querySelector('input[type=search]');
    var counter = document.getElementById(table.id + '-shown');
    var buttons = Array.prototype.slice.call(controls.querySelectorAll('button[data-filter]'));
    var current = buttons.length ? buttons[0].getAttribute('data-filter') : 'all';
    var hash = decodeURIComponent(location.hash.replace(/^#/, ''));
    buttons.forEach(function (b) { if (b.getAttribute('data-filter') === hash) current = hash; });
    function matches(row, f) {
      switch (f) {
        case 'all': return true;
        case 'active': return row.dataset.active === 'true';
        case 'implemented': return row.dataset.implemented === 'true';
        case 'unimplemented': return row.dataset.implemented === 'false';
        case 'exercised': return row.dataset.exercised === 'true';
        case 'failing': return row.dataset.status === 'failing';
      }
      return true;
    }
    function apply() {
      var q = search ? search.value.trim().toLowerCase() : '';
      var n = 0;
      rowsOf(table).forEach(function (row) {
        var show = matches(row, current) && (q === '' || row.dataset.name.toLowerCase().indexOf(q) >= 0);
        if (show) { row.removeAttribute('hidden'); n++; } else { row.setAttribute('hidden', ''); }
      });
      buttons.forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-filter') === current); });
      if (counter) counter.textContent = String(n);
      table.setAttribute('data-filter', current);
    }
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        current = b.getAttribute('data-filter');
        history.replaceState(null, '', '#' + current);
        apply();
      });
    });
    if (search) search.addEventListener('input', apply);
    apply();
  }
  Array.prototype.slice.call(document.querySelectorAll('table[data-filterable]')).forEach(setup);
})();
