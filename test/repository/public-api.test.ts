import { readFileSync } from "node:fs";
import * as path from "node:path";
import test from "ava";
import ts from "typescript";
import { REPO_ROOT } from "../../scripts/pulumi-cli.js";

/**
 * The public API is a deliberate list: each entry point of package.json's `exports` exports exactly the names the
 * README's "API" table gives for it, types included (read from the built declarations), and nothing else under
 * dist/ is exported except the modules the provider texts in state load.
 */

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>;
};

function exportsOf(declarations: string): string[] {
  const file = path.join(REPO_ROOT, declarations);
  const program = ts.createProgram([file], { skipLibCheck: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file) as ts.SourceFile) as ts.Symbol;
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

function documented(): Map<string, string[]> {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.split("\n## API\n")[1]?.split("\n## ")[0] ?? "";
  const rows = section.split("\n").filter((line) => line.startsWith("| `pulumi-amplify-box"));
  return new Map(
    rows.map((row) => {
      const [, importPath, , names] = row.split("|").map((cell) => cell.trim());
      const subpath = (importPath ?? "").replaceAll("`", "").replace(/^pulumi-amplify-box/, ".");
      return [subpath, [...(names ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1] as string).sort()];
    }),
  );
}

test("every entry point exports exactly what the README's API table lists", (t) => {
  const table = documented();
  const entries = Object.entries(manifest.exports).filter(([, target]) => typeof target === "object");
  t.deepEqual([...table.keys()].sort(), entries.map(([subpath]) => subpath).sort(), "one row per entry point");
  for (const [subpath, target] of entries) {
    t.deepEqual(exportsOf((target as { types: string }).types), table.get(subpath), `exports of ${subpath}`);
  }
});

test("nothing under dist/ is exported but the modules the provider texts in state load", (t) => {
  const paths = Object.entries(manifest.exports).filter(([, target]) => typeof target === "string");
  const modules = paths.filter(([subpath]) => subpath.endsWith(".js") || subpath === "./provider-host");
  t.deepEqual(modules, [
    ["./provider-host", "./dist/provider/dynamic/provider-host.js"],
    ["./dist/provider/dynamic/instance-operations.js", "./dist/provider/dynamic/instance-operations.js"],
  ]);
  const source = readFileSync(path.join(REPO_ROOT, "provider/dynamic/provider-source.ts"), "utf8");
  t.true(source.includes('"pulumi-amplify-box/provider-host"'), "the current text's module");
  t.true(source.includes('"pulumi-amplify-box/dist/provider/dynamic/instance-operations.js"'), "earlier releases'");
});

test("the subpaths resolve by package name, as a user's program imports them", (t) => {
  for (const subpath of [
    "pulumi-amplify-box",
    "pulumi-amplify-box/desired-state",
    "pulumi-amplify-box/sandbox",
    "pulumi-amplify-box/webhooks",
  ]) {
    t.notThrows(() => require.resolve(subpath), subpath);
  }
  t.throws(() => require.resolve("pulumi-amplify-box/dist/provider/client/instances-client.js"), {
    code: "ERR_PACKAGE_PATH_NOT_EXPORTED",
  });
});
