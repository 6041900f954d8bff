// Copies the minified ECharts build and its licence into
// internal/report/assets, where the Go code embeds them, with the China
// province map (GeoJSON, provinces keyed by their GB/T 2260 code) from
// ECharts 4.9.0, the last release that shipped maps; both are Apache-2.0.
// Run: npm install && npm run vendor
import { copyFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "internal", "report", "assets");
const version = (pkg) => JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version;

const echarts = join(here, "node_modules", "echarts");
copyFileSync(join(echarts, "dist", "echarts.min.js"), join(out, "echarts.min.js"));
copyFileSync(join(echarts, "LICENSE"), join(out, "echarts.LICENSE"));
console.log(`echarts ${version(echarts)} → internal/report/assets/echarts.min.js`);

const maps = join(here, "node_modules", "echarts-4-maps");
copyFileSync(join(maps, "map", "json", "china.json"), join(out, "china.json"));
console.log(`echarts ${version(maps)} map/json/china.json → internal/report/assets/china.json`);
