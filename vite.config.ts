import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { presetsPlugin } from './build/presets-plugin';
import { compileHints } from './build/compile-hints';
import { contentSecurityPolicy, serviceWorker } from './build/offline-plugins';

export default defineConfig(({ mode }) => ({
  // svelteTesting() switches Svelte to its test build; only the test runs want it.
  plugins: [svelte(), presetsPlugin('scenarios'), contentSecurityPolicy(), compileHints(), serviceWorker(), mode === 'test' ? svelteTesting() : null],
  base: './',
  build: { target: 'es2022', sourcemap: false, rollupOptions: { input: { main: 'index.html', exercise: 'exercise.html' } } },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60000,
          hookTimeout: 120000,
          fileParallelism: false,
        },
      },
    ],
  },
}));
