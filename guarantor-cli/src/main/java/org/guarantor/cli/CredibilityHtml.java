package org.guarantor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.credibility.CredibilityReport;

/**
 * A credibility report as one self-contained HTML page: the report's JSON and Chart.js (from its
 * WebJar on the classpath) inlined, so that it opens anywhere with no network. Stateless.
 */
final class CredibilityHtml {
  static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

  private CredibilityHtml() {}

  /** The page; {@code whatIf} (the report after an amendment) may be null. */
  static String page(CredibilityReport before, CredibilityReport whatIf) {
    String data;
    try {
      data =
          "{\"before\":"
              + Json.mapper().writeValueAsString(before)
              + ",\"after\":"
              + (whatIf == null ? "null" : Json.mapper().writeValueAsString(whatIf))
              + "}";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // Inside a <script>, "</" could end the element: escape it.
    data = data.replace("</", "<\\/");
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <title>How credible is the guarantee?</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
        th:first-child,td:first-child{text-align:left}.bad{color:#b00}.chart{height:340px}
        </style></head><body>
        <h1>How credible is the guarantee?</h1>
        <p id="summary"></p>
        <h2>P(promised quantity arrives by its deadline), per plan line</h2>
        <div class="chart"><canvas id="ontime"></canvas></div>
        <h2>Critical parties: drop in P(on time) without them</h2>
        <div class="chart"><canvas id="critical"></canvas></div>
        <h2>Plan lines</h2>
        <table id="lines"><thead><tr><th>plan line</th><th>capability</th><th>quantity</th>
        <th>deadline h</th><th>samples</th><th>P(on time)</th><th>after</th>
        <th>E[shortfall] unit·h</th><th>cover p50 h</th><th>p90</th><th>p99</th><th>never</th></tr></thead>
        <tbody></tbody></table>
        <script>%s</script>
        <script>
        const R = %s;
        const b = R.before, a = R.after;
        const pct = x => x == null ? "–" : (100 * x).toFixed(1) + " %%";
        const num = x => x == null ? "–" : String(x);
        document.getElementById("summary").textContent =
          `Treaty ${b.treaty} v${b.version}: ${b.runs} simulated ${b.horizonHours}-hour crises (seed ${b.seed}), ` +
          `${b.lines} plan lines; P(on time) ${pct(b.onTime)}` + (a ? `, after the amendment ${pct(a.onTime)}` : "") + ".";
        const labels = [], before = [], after = [];
        const tbody = document.querySelector("#lines tbody");
        b.plans.forEach((p, i) => p.lines.forEach((l, j) => {
          const name = p.plan + " #" + l.line;
          const al = a && a.plans[i] && a.plans[i].lines[j] ? a.plans[i].lines[j].onTime : null;
          labels.push(name); before.push(l.onTime); after.push(al);
          const tr = document.createElement("tr");
          [name, l.capability, l.quantity + " " + l.unit, l.deadlineHours, l.samples, pct(l.onTime), pct(al),
           num(l.expectedUnitHoursLate), num(l.hoursToCover.p50), num(l.hoursToCover.p90),
           num(l.hoursToCover.p99), pct(l.hoursToCover.neverCovered)].forEach(v => {
            const td = document.createElement("td"); td.textContent = v; tr.appendChild(td); });
          if (l.onTime != null && l.onTime < 0.9) tr.className = "bad";
          tbody.appendChild(tr);
        }));
        const sets = [{label: "P(on time)", data: before}];
        if (a) sets.push({label: "after the amendment", data: after});
        new Chart(document.getElementById("ontime"), {type: "bar", data: {labels, datasets: sets},
          options: {maintainAspectRatio: false, scales: {y: {min: 0, max: 1}}}});
        new Chart(document.getElementById("critical"), {type: "bar",
          data: {labels: b.critical.map(c => c.kind + " " + c.code),
                 datasets: [{label: "drop in P(on time)", data: b.critical.map(c => c.drop)}]},
          options: {maintainAspectRatio: false, indexAxis: "y"}});
        </script></body></html>
        """
        .formatted(chartJs(), data);
  }

  private static String chartJs() {
    try (InputStream in = CredibilityHtml.class.getResourceAsStream(CHART_JS)) {
      if (in == null) {
        throw new IllegalStateException("Chart.js is not on the classpath: " + CHART_JS);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
