// The package entry (package.json `main`): the component for TypeScript programs that use this
// package directly, its args/outputs types, and the provider plugin. Programs in other languages use
// the generated SDKs (sdk/), which reach the same component through the plugin.
export { Project } from "./project";
export * from "./schema-types";
export type { Mode } from "./plan/modes";
export { DefangProvider, main as servePlugin } from "./provider";
