// Projects Natural Earth's country shapes (world-atlas, 1:110m) once, at build time, into SVG
// paths keyed by ISO 3166-1 alpha-2 code, so that the server draws the map without a geo library
// and the page shows it without JavaScript. Countries too small for the 1:110m shapes get a dot
// at the centre of their 1:50m shape. Run with `npm run map`; the output is committed.
import { readFileSync, writeFileSync } from "node:fs";
import { geoCentroid, geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const WIDTH = 960;
const read = (path) => JSON.parse(readFileSync(path, "utf8"));
const countries = read("src/ipdev/reference/data/countries.json");
const byNumeric = new Map(countries.map((c) => [c.numeric, c.code]));

const shapes = (file) =>
  feature(read(`node_modules/world-atlas/${file}`), "countries").features.filter(
    (f) => f.id !== "010", // Antarctica: no beneficiary, and it would take a fifth of the height
  );
const small = shapes("countries-110m.json");
const medium = shapes("countries-50m.json");

const projection = geoEqualEarth().fitWidth(WIDTH, { type: "FeatureCollection", features: small });
const path = geoPath(projection).digits(0);
const [[, top], [, bottom]] = path.bounds({ type: "FeatureCollection", features: small });
const height = Math.ceil(bottom - top);
projection.translate([projection.translate()[0], projection.translate()[1] - top]);

const out = { width: WIDTH, height, shapes: {}, dots: {}, unassigned: [] };
for (const f of small) {
  const code = byNumeric.get(f.id);
  const d = path(f);
  if (!d) continue;
  if (code) out.shapes[code] = d;
  else out.unassigned.push(d); // disputed or unnamed areas: drawn, never coloured
}
for (const f of medium) {
  const code = byNumeric.get(f.id);
  if (!code || out.shapes[code]) continue;
  const [x, y] = projection(geoCentroid(f));
  out.dots[code] = [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
}
const target = "src/ipdev/reports/data/world-map.json";
writeFileSync(target, JSON.stringify(out) + "\n");
console.log(
  `${target}: ${Object.keys(out.shapes).length} shapes, ${Object.keys(out.dots).length} dots, ` +
    `${out.unassigned.length} unassigned, ${WIDTH}x${height}`,
);
