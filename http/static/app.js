/*
 * app.js — the owner dashboard's script: reads the session's JSON under
 * /web/api/ and builds the page. Every string from the server goes in
 * through textContent (never as markup); the charts are SVG drawn here.
 */
'use strict';

(function () {
	var T = {};
	var SVG = 'http://www.w3.org/2000/svg';

	function get(path) {
		return fetch(path, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
			if (r.status === 401) {
				window.location.assign('/');
				throw new Error('no session');
			}
			if (!r.ok)
				throw new Error(path + ': ' + r.status);
			return r.json();
		});
	}

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text !== undefined && text !== null)
			e.textContent = String(text);
		return e;
	}

	function clear(e) {
		while (e.firstChild)
			e.removeChild(e.firstChild);
		return e;
	}

	function svg(tag, attrs, text) {
		var e = document.createElementNS(SVG, tag);
		Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
		if (text !== undefined)
			e.textContent = String(text);
		return e;
	}

	function empty(list, text) {
		list.appendChild(el('li', 'empty', text));
	}

	/* A bar chart of values (labels under the bars, captions over them). */
	function barChart(box, labels, values, captions, cls) {
		var w = 360, h = 180, top = 18, bottom = 22, n = values.length;
		var max = Math.max.apply(null, values.concat([1]));
		var step = w / Math.max(n, 1), bw = step * 0.6;
		var s = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img' });
		values.forEach(function (v, i) {
			var bh = Math.max(0, v) / max * (h - top - bottom);
			var x = i * step + (step - bw) / 2, y = h - bottom - bh;
			var bar = svg('rect', { x: x, y: y, width: bw, height: Math.max(bh, 1), 'class': cls });
			bar.appendChild(svg('title', {}, labels[i] + ': ' + captions[i]));
			s.appendChild(bar);
			s.appendChild(svg('text', { x: x + bw / 2, y: Math.max(y - 4, 10), 'text-anchor': 'middle' }, captions[i]));
			s.appendChild(svg('text', { x: x + bw / 2, y: h - 6, 'text-anchor': 'middle' }, labels[i]));
		});
		clear(box).appendChild(s);
	}

	function showToday(d) {
		var box = clear(document.getElementById('today-list'));
		document.getElementById('today-date').textContent = d.date;
		if (d.trainings.length === 0)
			box.appendChild(el('p', 'empty', T.no_classes));
		d.trainings.forEach(function (t) {
			var c = el('div', 'class' + (t.cancelled ? ' cancelled' : ''));
			var h = el('h3', null, t.start + '–' + t.end + ' ' + t.title);
			if (t.trainer)
				h.appendChild(el('span', 'tag', t.trainer));
			if (t.cancelled)
				h.appendChild(el('span', 'tag', T.cancelled));
			c.appendChild(h);
			var ul = el('ul', 'roster');
			t.roster.forEach(function (r) {
				var li = el('li');
				li.appendChild(el('span', 'name', r.name));
				li.appendChild(el('span', 'st-' + r.status, T[r.status] || r.status));
				ul.appendChild(li);
			});
			if (t.roster.length === 0)
				empty(ul, T.roster_empty);
			c.appendChild(ul);
			box.appendChild(c);
		});
	}

	function showCharts(d) {
		var labels = d.months.map(function (m) { return m.month.slice(5) + '.' + m.month.slice(2, 4); });
		barChart(document.getElementById('chart-revenue'), labels,
		    d.months.map(function (m) { return m.revenue; }),
		    d.months.map(function (m) { return m.revenue_text; }), 'bar');
		barChart(document.getElementById('chart-attendance'), labels,
		    d.months.map(function (m) { return m.visits; }),
		    d.months.map(function (m) { return m.visits; }), 'bar2');
	}

	function showEnding(d) {
		var ul = clear(document.getElementById('ending-list'));
		d.plans.forEach(function (p) {
			var li = el('li');
			li.appendChild(el('span', 'name', p.name + ' · ' + p.plan));
			li.appendChild(el('span', null, T.ends + ' ' + p.last_day +
			    (p.classes_left !== null ? ', ' + T.classes_left + ' ' + p.classes_left : '')));
			ul.appendChild(li);
		});
		if (d.plans.length === 0)
			empty(ul, T.no_ending);
	}

	function showAtRisk(d) {
		var ul = clear(document.getElementById('atrisk-list'));
		d.students.forEach(function (s) {
			var li = el('li');
			li.appendChild(el('span', 'name', s.name));
			li.appendChild(el('span', null, (s.last_visit ? T.last_visit + ' ' + s.last_visit : T.never) +
			    (s.missed > 0 ? ', ' + T.missed + ' ' + s.missed : '')));
			ul.appendChild(li);
		});
		if (d.students.length === 0)
			empty(ul, T.no_atrisk);
	}

	/* A page of students: the first replaces the list, a later one (offset
	 * > 0) is added to it; "show more" fetches the next while some are
	 * left. */
	function showStudents(q, d) {
		var ul = document.getElementById('students-list');
		var more = document.getElementById('students-more');
		if (d.offset === 0)
			clear(ul);
		d.students.forEach(function (s) {
			var li = el('li');
			li.appendChild(el('span', 'name', s.name));
			li.appendChild(el('span', null, s.belt + (s.stripes > 0 ? ' ' + '•'.repeat(s.stripes) : '')));
			ul.appendChild(li);
		});
		if (d.offset === 0 && d.students.length === 0)
			empty(ul, T.no_students);
		var shown = d.offset + d.students.length;
		more.hidden = shown >= d.total;
		more.textContent = T.more + ' (' + shown + ' / ' + d.total + ')';
		more.onclick = function () { searchStudents(q, shown).catch(fail); };
	}

	function fail(err) {
		var e = document.getElementById('error');
		e.textContent = T.error || String(err);
		e.hidden = false;
	}

	function searchStudents(q, offset) {
		return get('/web/api/students?offset=' + (offset || 0) +
		    (q ? '&q=' + encodeURIComponent(q) : '')).then(function (d) { showStudents(q, d); });
	}

	function start(me) {
		T = me.texts;
		document.documentElement.lang = me.lang;
		document.title = me.academy ? me.academy + ' · ' + T.title : T.title;
		document.getElementById('academy').textContent = me.academy || T.title;
		document.getElementById('logout').textContent = T.logout;
		document.getElementById('search').placeholder = T.search;
		Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (e) {
			e.textContent = T[e.getAttribute('data-text')];
		});
		var timer = null, search = document.getElementById('search');
		search.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(function () { searchStudents(search.value.trim()).catch(fail); }, 250);
		});
		return Promise.all([
			get('/web/api/today').then(showToday),
			get('/web/api/charts').then(showCharts),
			get('/web/api/ending').then(showEnding),
			get('/web/api/atrisk').then(showAtRisk),
			searchStudents(''),
		]);
	}

	document.addEventListener('DOMContentLoaded', function () {
		get('/web/api/me').then(start).catch(fail);
	});
})();
