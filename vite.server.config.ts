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
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
