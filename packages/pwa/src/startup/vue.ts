// Stage 1 of the app's start (src/boot.ts): Vue itself, its router and store.
export { createApp } from 'vue';
export { createRouter } from 'vue-router';
export { createPinia } from 'pinia';
