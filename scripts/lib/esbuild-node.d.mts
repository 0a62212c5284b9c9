import type { BuildOptions } from 'esbuild';
/** Options for bundling `entry` of the project at `root` into `outfile` (see esbuild-node.mjs). */
export function nodeBundleOptions(root: string, entry: string, outfile: string): BuildOptions;
