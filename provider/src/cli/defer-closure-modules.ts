// Loads the modules behind Pulumi's function serialization (the TypeScript compiler and npm's
// Arborist) only when something uses them. @pulumi/pulumi requires both when it starts, for
// serializing callbacks into Lambdas; this package never does that, and the two cost a third of a
// second of every command's start (measured with --cpu-prof on `plan`). Imported first by main.ts,
// for its effect.
//
// Each module's cache entry gets an object that requires the real module on first use, so any
// caller that does need one still gets it, unchanged. This is for the compiled tree (a checkout, the
// tests, the benchmarks); the bundles (provider/cmd/pulumi-resource-defang/bundle.js: the plugin and
// the npm CLI) stub the same modules at build time, and there this finds nothing of theirs to defer.
import * as Module from "module";
import * as path from "path";

/** Module ids, resolved from @pulumi/pulumi's own directory (as its requires are). */
const DEFERRED = ["./typescript-shim", "@npmcli/arborist"];

function deferClosureModules(): void {
    let pulumiDir: string;
    try {
        pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    } catch {
        return;
    }
    for (const id of DEFERRED) {
        let file: string;
        try {
            file = require.resolve(id, { paths: [pulumiDir] });
        } catch {
            continue;
        }
        if (!require.cache[file]) require.cache[file] = deferredModule(file);
    }
}

function deferredModule(file: string): NodeJS.Module {
    let real: Record<PropertyKey, unknown> | undefined;
    const load = (): Record<PropertyKey, unknown> => {
        if (!real) {
            delete require.cache[file];
            real = require(file) as Record<PropertyKey, unknown>;
        }
        return real;
    };
    const exports = new Proxy({} as Record<PropertyKey, unknown>, {
        // `__esModule` answered without loading: TypeScript's import helpers ask it at require time;
        // true makes them hand this object through, so members are read (and loaded) at use.
        get: (_, key) => (key === "__esModule" && !real ? true : load()[key]),
        has: (_, key) => key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_, key) => {
            const d = Reflect.getOwnPropertyDescriptor(load(), key);
            return d ? { ...d, configurable: true } : undefined;
        },
    });
    const mod = new Module.Module(file);
    mod.filename = file;
    mod.loaded = true;
    mod.exports = exports;
    return mod;
}

deferClosureModules();
