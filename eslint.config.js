import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/', '.react-router/', 'app/generated/', '.data/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (default exports only where the framework asks for one).',
        },
      ],
    },
  },
  {
    // Route modules, entry files and tool configs: the framework asks for default exports.
    files: [
      'app/routes/**',
      'app/root.tsx',
      'app/entry.*.tsx',
      'app/routes.ts',
      '*.config.ts',
      '*.config.js',
      'vitest.workspace.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
)
