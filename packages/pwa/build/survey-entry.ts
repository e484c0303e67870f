import { resolve } from 'node:path';
import { build, type InlineConfig, type Plugin, type ResolvedConfig } from 'vite';
import { generateSW, type RuntimeCaching } from 'workbox-build';

export interface SurveyEntryOptions {
  /** The plugins, resolve and define the survey is built with (the app's own, less vite-plugin-pwa). */
  config: () => Pick<InlineConfig, 'plugins' | 'resolve' | 'define'>;
  /** Background Sync for an unsent answer: the same route as in the app's worker. */
  runtimeCaching: RuntimeCaching[];
}

/**
 * Builds the public survey link (survey.html, src/survey/main.ts) as a bundle of its own, beside
 * the app in the same dist/: a respondent downloads the survey screen, its outbox and its texts,
 * and no chunk it shares with the app drags in more. Runs once the app's files are written and
 * before vite-plugin-pwa writes sw.js, which therefore precaches survey.html too (a field worker's
 * phone opens a survey link offline). Then writes survey-sw.js, the survey's own service worker:
 * survey.html and its files and nothing of the app; /s/<token> without signal is survey.html from
 * its precache; an unsent answer waits for Background Sync. It takes over at once (skipWaiting,
 * clientsClaim): the survey page loads no chunk later that an update could pull from under it.
 */
export function surveyEntry(options: SurveyEntryOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'jixiao:survey-entry',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle: {
      sequential: true,
      async handler() {
        const outDir = resolve(config.root, config.build.outDir);
        const files: string[] = [];
        const collect: Plugin = {
          name: 'jixiao:survey-files',
          writeBundle(_output, bundle) {
            files.push(...Object.keys(bundle));
          },
        };
        await build({
          configFile: false,
          root: config.root,
          mode: config.mode,
          logLevel: config.logLevel,
          ...options.config(),
          plugins: [...(options.config().plugins ?? []), collect],
          build: {
            outDir,
            emptyOutDir: false,
            rollupOptions: { input: { survey: resolve(config.root, 'survey.html') } },
          },
        });
        const { warnings } = await generateSW({
          swDest: resolve(outDir, 'survey-sw.js'),
          globDirectory: outDir,
          globPatterns: files.filter((file) => /\.(html|js|css|woff2)$/.test(file)),
          // Hashed names change with their content: no revision needed.
          dontCacheBustURLsMatching: /^assets\//,
          navigateFallback: '/survey.html',
          navigateFallbackAllowlist: [/^\/s\//],
          clientsClaim: true,
          skipWaiting: true,
          cleanupOutdatedCaches: true,
          runtimeCaching: options.runtimeCaching,
          mode: 'production',
          sourcemap: false,
        });
        for (const warning of warnings) config.logger.warn(`survey-sw.js: ${warning}`);
      },
    },
  };
}
