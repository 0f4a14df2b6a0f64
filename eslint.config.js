import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    // tests/fixtures/*/make.ts: each made its folder's frozen files with the API of its own
    // version, and is kept only as the record of how (never run again, never type-checked).
    ignores: ['dist', 'dist-server', 'dev-dist', 'node_modules', 'test-results', 'playwright-report', 'tests/fixtures/*/make.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Layering: domain ← local ← sync ← app; domain ← server.
      'no-restricted-imports': 'off',
    },
  },
  {
    // react-hook-form's useController hands back `field.ref` (a callback ref for the input)
    // beside plain values, and useForm's object holds refs to the inputs; the compiler rule
    // takes each whole object for a ref and flags every use of it while rendering.
    files: ['src/app/ui/fields.tsx', 'src/app/ui/book-form.tsx'],
    rules: { 'react-hooks/refs': 'off' },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../local/*', '../sync/*', '../app/*', '../server/*', 'react', 'dexie'] }],
    },
  },
  {
    files: ['src/local/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../sync/*', '../app/*', '../server/*', 'react'] }] },
  },
);
