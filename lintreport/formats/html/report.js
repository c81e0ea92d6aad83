// lintreport HTML report: filters, sortable tables, and the details of a finding on hover/click.
// Report text is only ever read with textContent and written with textContent: never as HTML.
(function () {
  'use strict';
  var SEV = { e: '错误', w: '警告', i: '提示' };
  var items = Array.prototype.slice.call(document.querySelectorAll('ol.findings > li'));
  var byIndex = {};
  var categoryOf = {};
  document.querySelectorAll('#rule-counts tr[data-rule]').forEach(function (tr) {
    categoryOf[tr.getAttribute('data-rule')] = tr.getAttribute('data-c');
  });
  // What the filters ask of each finding, read once: severity from the class, the rule from
  // its code element, the category from the rule table.
  var facts = {};
  function numberOf(li) {
    var link = li.firstElementChild;
    return link.tagName === 'A' ? link.getAttribute('href').slice(2) : li.getAttribute('data-f');
  }
  items.forEach(function (li) {
    var index = numberOf(li);
    var rule = li.querySelector('code').textContent;
    byIndex[index] = li;
    facts[index] = { s: li.className.slice(2, 3), r: rule, c: categoryOf[rule] };
  });
  var marks = Array.prototype.slice.call(document.querySelectorAll('mark'));
  var filters = document.getElementById('filters');
  var ruleSelect = document.getElementById('rule-filter');
  var pop = document.getElementById('pop');
  var pinned = false;
  var current = null;

  function indexOf(mark) { return mark.id ? mark.id.slice(1) : mark.getAttribute('data-c'); }

  // ---- filters -------------------------------------------------------------------------------
  function checked(name) {
    var on = {};
    filters.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      if (box.checked) { on[box.value] = true; }
    });
    return on;
  }

  function apply() {
    var sev = checked('sev');
    var cat = checked('cat');
    var rule = ruleSelect.value;
    var shown = {};
    var total = 0;
    items.forEach(function (li) {
      var index = numberOf(li);
      var f = facts[index];
      var ok = sev[f.s] && cat[f.c] && (!rule || rule === f.r);
      li.hidden = !ok;
      if (ok) { shown[index] = true; total += 1; }
    });
    marks.forEach(function (m) { m.classList.toggle('off', !shown[indexOf(m)]); });
    var all = total === items.length;
    document.querySelectorAll('aside.list').forEach(function (aside) {
      var n = aside.querySelectorAll('ol.findings > li:not([hidden])').length;
      aside.querySelector('.shown').textContent = all ? '' : '显示 ' + n + ' 个';
    });
    document.getElementById('shown-count').textContent =
      all ? '' : '显示 ' + total + ' / ' + items.length + ' 个问题';
  }

  filters.hidden = false;
  filters.addEventListener('change', apply);
  document.getElementById('reset').addEventListener('click', function () {
    filters.querySelectorAll('input[type="checkbox"]').forEach(function (box) { box.checked = true; });
    ruleSelect.value = '';
    apply();
  });
  document.querySelectorAll('a.rule[data-rule]').forEach(function (a) {
    a.addEventListener('click', function (event) {
      event.preventDefault();
      ruleSelect.value = a.getAttribute('data-rule');
      apply();
      filters.scrollIntoView({ block: 'start' });
    });
  });

  // ---- sortable tables -----------------------------------------------------------------------
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll('thead th'));
    heads.forEach(function (th, column) {
      var kind = th.getAttribute('data-sort');
      if (!kind) { return; }
      th.tabIndex = 0;
      function sort() {
        var descending = th.getAttribute('aria-sort') === 'ascending' ||
          (!th.getAttribute('aria-sort') && kind === 'num');
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute('data-v') || a.cells[column].textContent;
          var y = b.cells[column].getAttribute('data-v') || b.cells[column].textContent;
          var c = kind === 'num' ? Number(x) - Number(y) : x.localeCompare(y, 'zh-CN');
          return descending ? -c : c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); }
      });
    });
  });

  // ---- details popup -------------------------------------------------------------------------
  function text(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = value;
    return el;
  }

  function select(index) {
    if (current !== null) {
      document.querySelectorAll('.cur').forEach(function (el) { el.classList.remove('cur'); });
    }
    current = index;
    var li = byIndex[index];
    if (li) {
      li.classList.add('cur');
      var list = li.closest('.list');
      if (list && list.scrollHeight > list.clientHeight) {
        list.scrollTop = li.offsetTop - list.offsetTop - list.clientHeight / 3;
      }
    }
    document.querySelectorAll('#f' + index + ', mark[data-c="' + index + '"]').forEach(
      function (m) { m.classList.add('cur'); });
  }

  function show(index, anchor, pin) {
    var li = byIndex[index];
    if (!li) { return; }
    var f = facts[index];
    var where = li.firstChild.textContent.split(':');
    var list = li.closest('.list');
    var unit = (list && list.getAttribute('data-unit')) || '行';
    pop.textContent = '';
    var head = document.createElement('div');
    head.className = 'head';
    var title = document.createElement('div');
    title.appendChild(text('span', 'sev s-' + f.s, SEV[f.s]));
    title.appendChild(document.createTextNode(' '));
    title.appendChild(text('code', 'rule', f.r));
    title.appendChild(document.createTextNode(' '));
    title.appendChild(text('span', 'pos',
      '第' + where[where.length - 2] + unit + '第' + where[where.length - 1] + '字'));
    head.appendChild(title);
    var close = text('button', '', '×');
    close.type = 'button';
    close.setAttribute('aria-label', '关闭');
    close.addEventListener('click', hide);
    head.appendChild(close);
    pop.appendChild(head);
    pop.appendChild(text('div', 'msg', li.querySelector('p').textContent));
    var sug = li.querySelector('.sug');
    if (sug) { pop.appendChild(text('div', 'sug', sug.textContent)); }
    var explained = document.getElementById('x-' + f.r);
    var named = explained && explained.querySelector('h3');
    if (named) {
      // the rule's Chinese title, as the appendix heading shows it (category · title rule-id)
      var words = named.textContent.split(' · ').pop().replace(f.r, '').trim();
      if (words) { title.insertBefore(text('span', '', words + ' '), title.querySelector('code')); }
    }
    if (explained) {
      var details = document.createElement('details');
      details.open = pin;
      details.appendChild(text('summary', '', '规则说明'));
      details.appendChild(text('pre', '', explained.querySelector('pre').textContent));
      pop.appendChild(details);
    }
    pop.hidden = false;
    pinned = pin;
    var r = anchor.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(window.scrollX + 8, left) + 'px';
    pop.style.top = (window.scrollY + r.bottom + 6) + 'px';
  }

  function hide() { pop.hidden = true; pinned = false; }

  function goTo(index) {
    var mark = document.getElementById('f' + index);
    if (!mark) { return; }
    var r = mark.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) { mark.scrollIntoView({ block: 'center' }); }
    mark.classList.remove('flash');
    void mark.offsetWidth; // restart the animation
    mark.classList.add('flash');
    select(index);
    show(index, mark, true);
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest('ol.findings > li > a');
    if (link) {
      event.preventDefault();
      goTo(numberOf(link.parentNode));
      return;
    }
    var mark = event.target.closest('mark');
    if (mark && !mark.classList.contains('off')) {
      var index = indexOf(mark);
      select(index);
      show(index, mark, true);
      return;
    }
    if (!event.target.closest('#pop')) { hide(); }
  });
  document.addEventListener('mouseover', function (event) {
    if (pinned) { return; }
    var mark = event.target.closest('mark');
    if (mark && !mark.classList.contains('off')) { show(indexOf(mark), mark, false); }
  });
  document.addEventListener('mouseout', function (event) {
    if (!pinned && event.target.closest('mark') && !(event.relatedTarget && event.relatedTarget.closest && event.relatedTarget.closest('mark'))) { hide(); }
  });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') { hide(); } });
  if (location.hash && /^#f\d+$/.test(location.hash)) { goTo(location.hash.slice(2)); }
}());
