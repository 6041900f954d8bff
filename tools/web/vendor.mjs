// vendor.mjs copies the pinned browser libraries from node_modules into the
// web board's embedded static folder, with their licences, so that the
// binary serves them itself and no page ever loads a script from a CDN.
//
// Run `npm ci && npm run vendor` here after changing a version in package.json.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dest = join(here, "..", "..", "internal", "web", "static", "vendor");

// Each entry: the package, the files to take, and the names they get.
const vendored = [
  {
    pkg: "htmx.org",
    files: [
      ["dist/htmx.min.js", "htmx.min.js"],
      ["LICENSE", "htmx.LICENSE.txt"],
    ],
  },
];

mkdirSync(dest, { recursive: true });
for (const { pkg, files } of vendored) {
  const root = join(here, "node_modules", pkg);
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const [from, to] of files) {
    copyFileSync(join(root, from), join(dest, to));
    console.error(`${pkg}@${version}: ${from} -> internal/web/static/vendor/${to}`);
  }
}
