// Copies the minified ECharts build and its licence into
// internal/report/assets, where the Go code embeds them.
// Run: npm install && npm run vendor
import { copyFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "node_modules", "echarts");
const out = join(here, "..", "..", "internal", "report", "assets");
const { version } = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
copyFileSync(join(pkg, "dist", "echarts.min.js"), join(out, "echarts.min.js"));
copyFileSync(join(pkg, "LICENSE"), join(out, "echarts.LICENSE"));
console.log(`echarts ${version} → internal/report/assets/echarts.min.js`);
