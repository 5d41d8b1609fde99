// `node tests/architecture/report.ts`: the figures the README quotes — files in import cycles and
// imports against the layer direction — with each offending import listed.
import { importCycles, importGraph, layerViolations } from './imports.ts';

const graph = importGraph();
const violations = layerViolations(graph);
const cycles = importCycles(graph);
const say = (line: string) => process.stdout.write(`${line}\n`);
say(`${graph.files.length} modules, ${[...graph.edges.values()].reduce((s, e) => s + e.length, 0)} imports between them`);
say(`imports against the layer direction: ${violations.length}`);
for (const v of violations) say(`  ${v.from} → ${v.to}`);
say(`files in import cycles: ${cycles.reduce((s, c) => s + c.length, 0)} (${cycles.length} cycles)`);
for (const c of cycles) say(`  ${c.join(' ⇄ ')}`);
