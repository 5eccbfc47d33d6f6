// Types of web-build-stamp.mjs (plain JavaScript so that `pnpm start` runs it with node alone).

/** Where the stamp sits, relative to the web app's outDir (dist). */
export declare const STAMP_FILE: string;
/** The workspace packages apps/web bundles (folders relative to root), transitively. */
export declare function bundledPackages(root: string): string[];
/** Every file (relative to root, sorted) whose content the web build depends on. */
export declare function webBuildInputs(root: string): string[];
/** One hash of all build inputs' paths and contents, plus the VITE_* variables. */
export declare function hashWebBuildInputs(root: string, env?: NodeJS.ProcessEnv): string;
/** Records that `outDir` holds a build of inputs with this hash. */
export declare function writeWebBuildStamp(outDir: string, hash: string, mode: string): void;
/** Whether apps/web/dist is a production build of the current inputs, and why not. */
export declare function webBuildStatus(
  root: string,
  env?: NodeJS.ProcessEnv,
): { upToDate: boolean; reason: string };
