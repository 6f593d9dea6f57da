/*
 * The localization page of the DL4J training UI: polls /localization/sessions and
 * /localization/data/<session> every 2 s and redraws when the session's records changed.
 * Every chart element gets a data-points attribute: the number of finite values it drew
 * (points, bars or heatmap cells), which the browser test reads.
 */
(function () {
    'use strict';
    var POLL_MS = 2000;
    var state = {session: null, version: null};
    var MOST = '#d62728', LEAST = '#1f77b4', MEAN = '#1f77b4', MAX = '#d62728', GREY = '#888';

    function finite(v) {
        return typeof v === 'number' && isFinite(v) ? v : null;
    }

    function pairs(xs, ys) {
        var out = [];
        for (var i = 0; i < xs.length; i++) {
            out.push([xs[i], finite(ys[i])]);
        }
        return out;
    }

    function countPoints(series) {
        var n = 0;
        series.forEach(function (s) {
            s.data.forEach(function (p) {
                if (p[1] !== null) {
                    n++;
                }
            });
        });
        return n;
    }

    function note(id, text) {
        document.getElementById(id).textContent = text;
    }

    function setPoints(id, n) {
        document.getElementById(id).setAttribute('data-points', String(n));
    }

    function empty(id, message) {
        var el = document.getElementById(id);
        $(el).empty();
        if (el.tagName === 'CANVAS') {
            el.style.height = '40px';
            el.width = el.clientWidth;
            el.height = 40;
            var ctx = el.getContext('2d');
            ctx.fillStyle = '#73818f';
            ctx.font = 'italic 13px sans-serif';
            ctx.fillText(message, 4, 24);
        } else {
            $('<p class="empty"></p>').text(message).appendTo(el);
        }
        setPoints(id, 0);
    }

    function plot(id, series, options) {
        var base = {
            grid: {borderWidth: 1, borderColor: '#c8ced3', hoverable: false},
            legend: {position: 'ne', backgroundOpacity: 0.6}
        };
        $.plot('#' + id, series, $.extend(true, base, options || {}));
        setPoints(id, countPoints(series));
    }

    // ---- colour maps -------------------------------------------------------------------------
    var VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

    function viridis(t) {
        t = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        var i = Math.min(Math.floor(t), VIRIDIS.length - 2), f = t - i, a = VIRIDIS[i], b = VIRIDIS[i + 1];
        return 'rgb(' + [0, 1, 2].map(function (c) {
            return Math.round(a[c] + f * (b[c] - a[c]));
        }).join(',') + ')';
    }

    function diverging(t) {   // t in [-1, 1]: blue, white, red
        t = Math.max(-1, Math.min(1, t));
        var end = t < 0 ? [33, 102, 172] : [178, 24, 43], f = Math.abs(t);
        return 'rgb(' + end.map(function (c) {
            return Math.round(255 + f * (c - 255));
        }).join(',') + ')';
    }

    /**
     * Draws rows x columns cells on a canvas, with a colour bar on the right.
     * value(r, c) returns a finite number or null (drawn grey); colour(v) maps a value.
     */
    function heatmap(id, rows, columns, value, colour, labels) {
        var canvas = document.getElementById(id);
        var dpr = window.devicePixelRatio || 1;
        var width = canvas.clientWidth || 600;
        var height = Math.max(140, Math.min(420, rows * 10 + 50));
        canvas.style.height = height + 'px';
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
        var ctx = canvas.getContext('2d');
        ctx.scale(dpr, dpr);
        ctx.clearRect(0, 0, width, height);
        var left = 44, right = 70, top = 6, bottom = 34;
        var w = (width - left - right) / columns, h = (height - top - bottom) / rows, drawn = 0;
        for (var r = 0; r < rows; r++) {
            for (var c = 0; c < columns; c++) {
                var v = value(r, c);
                ctx.fillStyle = v === null ? '#bbb' : colour(v);
                if (v !== null) {
                    drawn++;
                }
                ctx.fillRect(left + c * w, top + r * h, Math.ceil(w), Math.ceil(h));
            }
        }
        ctx.fillStyle = '#23282c';
        ctx.font = '11px sans-serif';
        ctx.textAlign = 'right';
        ctx.fillText(labels.rowFirst, left - 4, top + 10);
        ctx.fillText(labels.rowLast, left - 4, top + rows * h);
        ctx.textAlign = 'left';
        ctx.fillText(labels.columnFirst, left, height - bottom + 14);
        ctx.textAlign = 'right';
        ctx.fillText(labels.columnLast, left + columns * w, height - bottom + 14);
        ctx.textAlign = 'center';
        ctx.fillText(labels.x, left + columns * w / 2, height - 6);
        // colour bar
        var barX = width - right + 14, barH = height - top - bottom;
        for (var i = 0; i < barH; i++) {
            ctx.fillStyle = labels.bar(1 - i / (barH - 1));
            ctx.fillRect(barX, top + i, 12, 1);
        }
        ctx.fillStyle = '#23282c';
        ctx.textAlign = 'left';
        ctx.fillText(labels.barHigh, barX + 16, top + 9);
        ctx.fillText(labels.barLow, barX + 16, top + barH);
        canvas.setAttribute('data-points', String(drawn));
    }

    function fmt(v) {
        return Math.abs(v) >= 100 || v === 0 ? String(Math.round(v)) : v.toPrecision(2);
    }

    // ---- charts ------------------------------------------------------------------------------
    function drawIpr(d) {
        if (!d.ipr) {
            ['ipr-curve', 'ipr-heatmap', 'ipr-bars'].forEach(function (id) {
                empty(id, 'No receptive-field records yet (ReceptiveFieldListener + StatsStorageRecordSink).');
            });
            note('ipr-bars-note', '');
            return;
        }
        var series = [
            {label: 'mean IPR', data: pairs(d.ipr.iteration, d.ipr.mean), color: MEAN},
            {label: 'max IPR', data: pairs(d.ipr.iteration, d.ipr.max), color: MAX}
        ];
        var its = d.ipr.iteration;
        var options = {xaxis: {tickDecimals: 0}, yaxis: {min: 0}};
        if (d.inputs > 0) {
            options.grid = {markings: [{yaxis: {from: 1 / d.inputs, to: 1 / d.inputs}, color: GREY, lineWidth: 1}]};
        }
        if (its.length === 1) {
            series.forEach(function (s) {
                s.points = {show: true};
            });
        }
        plot('ipr-curve', series, options);

        var hm = d.iprHeatmap, low = Infinity, high = -Infinity;
        hm.ipr.forEach(function (row) {
            row.forEach(function (v) {
                if (finite(v) !== null) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            });
        });
        if (!isFinite(low)) {
            low = 0;
            high = 1;
        }
        var span = high > low ? high - low : 1;
        heatmap('ipr-heatmap', d.units, hm.iteration.length, function (r, c) {
            return finite(hm.ipr[r][c]);
        }, function (v) {
            return viridis((v - low) / span);
        }, {
            rowFirst: 'unit 0', rowLast: 'unit ' + (d.units - 1),
            columnFirst: String(hm.iteration[0]), columnLast: String(hm.iteration[hm.iteration.length - 1]),
            x: 'iteration', bar: viridis, barHigh: fmt(high), barLow: fmt(low)
        });

        var bars = d.latest.ipr.map(function (v, k) {
            return [k, finite(v)];
        });
        plot('ipr-bars', [{data: bars, color: MEAN, bars: {show: true, barWidth: 0.8, align: 'center', fill: 0.7}}],
            {xaxis: {tickDecimals: 0}, yaxis: {min: 0}});
        note('ipr-bars-note', 'Hidden unit k (x) at iteration ' + d.latest.iteration + '.');
    }

    function drawWeights(d) {
        if (!d.weights) {
            empty('fields', 'No weight snapshots in this session.');
            empty('weights-heatmap', 'No weight snapshots in this session.');
            return;
        }
        var wt = d.weights, most = wt.mostLocalized, least = wt.leastLocalized;
        function field(unit) {
            return unit.weights.map(function (w, i) {
                return [i, finite(w)];
            });
        }
        plot('fields', [
            {label: 'unit ' + most.unit + ' (IPR ' + fmt(most.ipr) + ', most localized)', data: field(most), color: MOST},
            {label: 'unit ' + least.unit + ' (IPR ' + fmt(least.ipr) + ', least localized)', data: field(least),
                color: LEAST}
        ], {xaxis: {tickDecimals: 0}});

        var scale = 0;
        wt.rows.forEach(function (row) {
            row.forEach(function (v) {
                if (finite(v) !== null) {
                    scale = Math.max(scale, Math.abs(v));
                }
            });
        });
        scale = scale > 0 ? scale : 1;
        var columns = wt.rows.length ? wt.rows[0].length : 0;
        heatmap('weights-heatmap', wt.rows.length, columns, function (r, c) {
            return finite(wt.rows[r][c]);
        }, function (v) {
            return diverging(v / scale);
        }, {
            rowFirst: 'unit ' + wt.order[0], rowLast: 'unit ' + wt.order[wt.order.length - 1],
            columnFirst: '0', columnLast: String(columns - 1),
            x: 'input position (weights at iteration ' + wt.iteration + ')',
            bar: function (t) {
                return diverging(2 * t - 1);
            }, barHigh: '+' + fmt(scale), barLow: '-' + fmt(scale)
        });
    }

    function drawKurtosis(d) {
        if (!d.kurtosis) {
            ['kurtosis-pixels', 'kurtosis-curve'].forEach(function (id) {
                empty(id, 'No kurtosis records (KurtosisListener + StatsStorageRecordSink).');
            });
            note('kurtosis-pixels-note', '');
            return;
        }
        var k = d.kurtosis;
        plot('kurtosis-pixels', [{data: k.latestInput.map(function (v, i) {
            return [i, finite(v)];
        }), color: LEAST, bars: {show: true, barWidth: 0.8, align: 'center', fill: 0.7}}],
            {xaxis: {tickDecimals: 0}, grid: {markings: [{yaxis: {from: 0, to: 0}, color: GREY, lineWidth: 1}]}});
        note('kurtosis-pixels-note', 'Input pixel (x), over the training samples pooled for the newest record ' +
            '(iteration ' + k.latestIteration + '; by default the batch of that step). A Gaussian marginal has 0.');
        var series = [{label: 'inputs (mean over pixels)', data: pairs(k.iteration, k.meanInput), color: LEAST}];
        if (k.meanPreActivation.some(function (v) {
            return finite(v) !== null;
        })) {
            series.push({label: 'pre-activations (mean over units)', data: pairs(k.iteration, k.meanPreActivation),
                color: MOST});
        }
        if (k.iteration.length === 1) {
            series.forEach(function (s) {
                s.points = {show: true};
            });
        }
        plot('kurtosis-curve', series, {xaxis: {tickDecimals: 0},
            grid: {markings: [{yaxis: {from: 0, to: 0}, color: GREY, lineWidth: 1}]}});
    }

    function drawPruning(d) {
        var section = document.getElementById('pruning');
        if (!d.pruning) {
            section.hidden = true;
            setPoints('pruning-rounds', 0);
            return;
        }
        section.hidden = false;
        var p = d.pruning;
        plot('pruning-rounds', [
            {label: 'sparsity', data: pairs(p.round, p.sparsity), color: GREY, yaxis: 1},
            {label: 'mean IPR', data: pairs(p.round, p.meanIpr), color: MEAN, yaxis: 2},
            {label: 'max IPR', data: pairs(p.round, p.maxIpr), color: MAX, yaxis: 2}
        ], {series: {lines: {show: true}, points: {show: true}}, xaxis: {tickDecimals: 0},
            yaxes: [{min: 0, max: 1}, {min: 0, position: 'right'}], legend: {position: 'nw'}});
    }

    var UNIT_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
    var MAX_FIELDS = 8;

    function absMax(values) {
        var m = 0;
        values.forEach(function (v) {
            if (finite(v) !== null) {
                m = Math.max(m, Math.abs(v));
            }
        });
        return m > 0 ? m : 1;
    }

    /** Draws a rows x columns field on a new canvas (diverging colours, symmetric scale); returns it and its count. */
    function fieldImage(field, rows, columns, pixel) {
        var canvas = document.createElement('canvas');
        canvas.width = columns * pixel;
        canvas.height = rows * pixel;
        var ctx = canvas.getContext('2d'), scale = absMax(field), drawn = 0;
        for (var r = 0; r < rows; r++) {
            for (var c = 0; c < columns; c++) {
                var v = finite(field[r * columns + c]);
                ctx.fillStyle = v === null ? '#bbb' : diverging(v / scale);
                if (v !== null) {
                    drawn++;
                }
                ctx.fillRect(c * pixel, r * pixel, pixel, pixel);
            }
        }
        return {canvas: canvas, drawn: drawn};
    }

    function figure(container, image, caption) {
        var f = document.createElement('figure');
        f.appendChild(image);
        var text = document.createElement('figcaption');
        text.textContent = caption;
        f.appendChild(text);
        container.appendChild(f);
    }

    function drawEffective(d) {
        var section = document.getElementById('effective');
        if (!d.effective) {
            section.hidden = true;
            ['erf-curve', 'erf-fields', 'erf-history'].forEach(function (id) {
                setPoints(id, 0);
            });
            return;
        }
        section.hidden = false;
        var e = d.effective, shape = e.inputShape, image = shape.length === 2;
        var curve = [
            {label: 'mean IPR', data: pairs(e.iteration, e.meanIpr), color: MEAN, yaxis: 1},
            {label: 'max IPR', data: pairs(e.iteration, e.maxIpr), color: MAX, yaxis: 1},
            {label: 'mean width (sites, right)', data: pairs(e.iteration, e.meanWidth), color: GREY, yaxis: 2}
        ];
        if (e.iteration.length === 1) {
            curve.forEach(function (s) {
                s.points = {show: true};
            });
        }
        plot('erf-curve', curve, {xaxis: {tickDecimals: 0}, yaxes: [{min: 0}, {min: 0, position: 'right'}],
            legend: {position: 'nw'}});
        note('erf-curve-note', 'Layer ' + e.layer + ', ' + e.units.length + ' units; width: the fewest input sites ' +
            'holding ' + Math.round(100 * e.massFraction) + ' % of a field\'s squared mass.');

        var fields = document.getElementById('erf-fields');
        $(fields).empty();
        var shown = e.latestFields ? Math.min(MAX_FIELDS, e.latestFields.length) : 0, drawn = 0;
        if (!e.latestFields) {
            empty('erf-fields', 'The records carry no fields (snapshotFields(false)).');
        } else if (image) {
            fields.className = 'images';
            var pixel = Math.max(2, Math.floor(96 / Math.max(shape[0], shape[1])));
            for (var k = 0; k < shown; k++) {
                var img = fieldImage(e.latestFields[k], shape[0], shape[1], pixel);
                drawn += img.drawn;
                figure(fields, img.canvas, e.units[k] + ', IPR ' + fmt(e.latestIpr[k]));
            }
            setPoints('erf-fields', drawn);
        } else {
            fields.className = 'chart';
            var series = [];
            for (var u = 0; u < shown; u++) {
                series.push({label: e.units[u] + ' (IPR ' + fmt(e.latestIpr[u]) + ')',
                    color: UNIT_COLOURS[u % UNIT_COLOURS.length],
                    data: e.latestFields[u].map(function (v, i) {
                        return [i, finite(v)];
                    })});
            }
            plot('erf-fields', series, {xaxis: {tickDecimals: 0}, legend: {show: shown <= 4}});
        }
        note('erf-fields-note', 'Iteration ' + e.latestIteration + '; ' + (image ? shape[0] + ' x ' + shape[1] +
            ' image, blue negative, red positive, each on its own scale' : 'input position (x)') +
            (e.periodic.some(function (p) {
                return p;
            }) ? '; the input is a ring (circular padding)' : '') +
            (e.latestFields && e.latestFields.length > shown ? '; first ' + shown + ' of ' + e.latestFields.length +
                ' units' : '') + '.');

        document.getElementById('erf-history-title').textContent = 'Effective field of ' + e.historyUnit +
            ' over time';
        var history = e.history;
        if (!history.length) {
            empty('erf-history', 'The records carry no fields.');
        } else if (!image) {
            var scale = 0;
            history.forEach(function (row) {
                scale = Math.max(scale, absMax(row));
            });
            heatmap('erf-history', history.length, history[0].length, function (r, c) {
                return finite(history[r][c]);
            }, function (v) {
                return diverging(v / scale);
            }, {
                rowFirst: 'it ' + e.historyIteration[0], rowLast: 'it ' + e.historyIteration[history.length - 1],
                columnFirst: '0', columnLast: String(history[0].length - 1), x: 'input position (rows: records)',
                bar: function (t) {
                    return diverging(2 * t - 1);
                }, barHigh: '+' + fmt(scale), barLow: '-' + fmt(scale)
            });
        } else {
            drawHistoryImages(e, shape);
        }
    }

    /** Up to 6 records of the unit's 2-D field, first to newest, side by side on the history canvas. */
    function drawHistoryImages(e, shape) {
        var canvas = document.getElementById('erf-history'), n = e.history.length, picks = [];
        var count = Math.min(6, n);
        for (var i = 0; i < count; i++) {
            var j = count === 1 ? 0 : Math.round(i * (n - 1) / (count - 1));
            if (picks.indexOf(j) < 0) {
                picks.push(j);
            }
        }
        var pixel = Math.max(2, Math.floor(120 / Math.max(shape[0], shape[1])));
        var w = shape[1] * pixel, h = shape[0] * pixel, gap = 16;
        canvas.width = picks.length * (w + gap);
        canvas.height = h + 22;
        canvas.style.width = canvas.width + 'px';
        canvas.style.height = canvas.height + 'px';
        var ctx = canvas.getContext('2d'), drawn = 0;
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        picks.forEach(function (j, p) {
            var img = fieldImage(e.history[j], shape[0], shape[1], pixel);
            drawn += img.drawn;
            ctx.drawImage(img.canvas, p * (w + gap), 0);
            ctx.fillStyle = '#23282c';
            ctx.font = '11px sans-serif';
            ctx.fillText('iteration ' + e.historyIteration[j], p * (w + gap), h + 15);
        });
        canvas.setAttribute('data-points', String(drawn));
    }

    function draw(d) {
        drawIpr(d);
        drawWeights(d);
        drawKurtosis(d);
        drawPruning(d);
        drawEffective(d);
        var parts = ['Session ' + d.sessionId];
        if (d.ipr) {
            parts.push(d.ipr.records + ' receptive-field records, newest at iteration ' + d.latest.iteration +
                ' (K = ' + d.units + (d.inputs ? ', D = ' + d.inputs : '') + ')');
        }
        if (d.kurtosis) {
            parts.push(d.kurtosis.records + ' kurtosis records');
        }
        if (d.pruning) {
            parts.push(d.pruning.round.length + ' pruning rounds');
        }
        if (d.effective) {
            parts.push(d.effective.records + ' effective-field records');
        }
        parts.push('updated ' + new Date().toLocaleTimeString());
        var status = document.getElementById('status');
        status.textContent = parts.join(' \u00b7 ');
        status.setAttribute('data-session', d.sessionId);
        status.setAttribute('data-version', d.version);
    }

    // ---- polling -----------------------------------------------------------------------------
    function sessionFromHash() {
        var m = /session=([^&]+)/.exec(window.location.hash);
        return m ? decodeURIComponent(m[1]) : null;
    }

    function updateSessions(sessions) {
        var select = document.getElementById('session');
        var ids = sessions.map(function (s) {
            return s.id;
        });
        var current = Array.prototype.map.call(select.options, function (o) {
            return o.value;
        });
        if (ids.join('\n') !== current.join('\n')) {
            $(select).empty();
            sessions.forEach(function (s) {
                var option = document.createElement('option');
                option.value = s.id;
                option.textContent = s.id + ' (' + new Date(s.started).toLocaleString() + ')';
                select.appendChild(option);
            });
        }
        if (state.session === null || ids.indexOf(state.session) < 0) {
            var wanted = sessionFromHash();
            state.session = ids.indexOf(wanted) >= 0 ? wanted : (ids.length ? ids[0] : null);
            state.version = null;
        }
        if (state.session !== null) {
            select.value = state.session;
        }
    }

    function poll() {
        $.getJSON('/localization/sessions').done(function (sessions) {
            updateSessions(sessions);
            if (state.session === null) {
                document.getElementById('status').textContent = 'No session with localization records yet.';
                return;
            }
            var session = state.session;
            $.getJSON('/localization/data/' + encodeURIComponent(session)).done(function (d) {
                if (session === state.session && d.version !== state.version) {
                    state.version = d.version;
                    draw(d);
                }
            });
        }).fail(function () {
            document.getElementById('status').textContent = 'The dashboard server does not answer.';
        });
    }

    $(function () {
        $('#session').on('change', function () {
            state.session = this.value;
            state.version = null;
            window.location.hash = 'session=' + encodeURIComponent(this.value);
            poll();
        });
        poll();
        window.setInterval(poll, POLL_MS);
    });
})();
