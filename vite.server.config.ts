import { defineConfig } from 'vite';

/**
 * The server, built ahead of time like the app (`npm run build`): one ES module per entry in
 * dist-server/, its packages left in node_modules. Node runs it as it is, with no TypeScript
 * compiler loaded at start: a server at rest holds less memory and starts sooner.
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-server',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: { main: 'src/server/main.ts', backup: 'src/server/backup/command.ts' },
      // The domain makes its number formats and collator when its modules load (money.ts,
      // names.ts); the server uses none of them, and each loads megabytes of ICU's locale
      // data into a server at rest. Making one has no effect but the object made, so one
      // nobody uses may go.
      treeshake: { manualPureFunctions: ['Intl.NumberFormat', 'Intl.Collator', 'Intl.DateTimeFormat', 'Intl.PluralRules', 'Intl.RelativeTimeFormat', 'Intl.ListFormat'] },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
