// Builds the two pages (launch.html, index.html) into one folder the service serves under /app/.
// The output folder comes from the service's build (--outDir), so nothing built is committed.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
    // One app, two entry pages: the SMART launch and the app itself.
    rollupOptions: {
      input: { index: 'index.html', launch: 'launch.html' },
      onwarn(warning, warn) {
        // fhirclient's isomorphic-webcrypto shim tests for CommonJS `module` at run time; in a browser it is absent.
        if (warning.code === 'COMMONJS_VARIABLE_IN_ESM' && /isomorphic-webcrypto/.test(warning.id ?? warning.message)) {
          return;
        }
        warn(warning);
      },
    },
  },
});
