#!/usr/bin/env node
// graphql-js checks every type test against copies of itself from other modules unless NODE_ENV is
// production; that check costs a dashboard request a tenth of its time. Set before graphql loads
// (`serve --dev` still chooses development mode for the app itself).
process.env.NODE_ENV ??= 'production';
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
