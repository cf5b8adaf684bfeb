// Loads a few dependency-free TypeScript modules of src/ in Node (for tests that need no
// browser): transpiled with the project's TypeScript into a temporary folder.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import ts from "typescript";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Imports src/<dir>/<names>.ts (siblings may import each other with "./name"). */
export async function loadTs(dir, names) {
  const out = await mkdtemp(join(tmpdir(), "pa-ui-ts-"));
  for (const name of names) {
    const source = await readFile(join(SRC, dir, `${name}.ts`), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    });
    await writeFile(join(out, `${name}.mjs`), outputText.replace(/from "\.\/([\w.]+)"/g, 'from "./$1.mjs"'));
  }
  const modules = {};
  for (const name of names) modules[name] = await import(pathToFileURL(join(out, `${name}.mjs`)).href);
  return modules;
}
