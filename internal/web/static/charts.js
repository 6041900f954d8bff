// charts.js draws the ECharts charts of campaign and questionnaire pages.
// Each chart is an element with its option as JSON in data-chart; the
// same figures stand in tables beside it, so the page reads without
// scripts. The CSP forbids inline scripts, hence this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  if (!window.echarts) return;
  for (const el of document.querySelectorAll("[data-chart]")) {
    let option;
    try {
      option = JSON.parse(el.dataset.chart);
    } catch {
      continue;
    }
    el.classList.add("chart-drawn");
    const chart = window.echarts.init(el);
    chart.setOption(option);
    window.addEventListener("resize", () => chart.resize());
  }
});
