// Writes the root tauri.conf.json with its relative paths rebased for a config read from
// src-tauri/ (what the Tauri CLI expects). Usage: node rebase-tauri-config.mjs SOURCE TARGET
import { readFileSync, writeFileSync } from 'node:fs';

const [source, target] = process.argv.slice(2);
const config = JSON.parse(readFileSync(source, 'utf8'));
const rebase = (p) => (p.startsWith('/') || /^[a-z]+:/i.test(p) ? p : `../${p}`);
config.build.frontendDist = rebase(config.build.frontendDist);
config.bundle.icon = config.bundle.icon.map(rebase);
writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`);
