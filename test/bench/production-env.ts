/**
 * Imported first by the sections that run the server in this process: the server runs with
 * NODE_ENV=production as `jixiao serve` does (packages/server/bin/jixiao.js), so that graphql-js
 * takes its production paths. It must be set before graphql is loaded, hence a module of its own.
 */
process.env.NODE_ENV ??= 'production';
export {};
