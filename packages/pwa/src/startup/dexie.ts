// Stage 2 of the app's start (src/boot.ts): the device database's library.
export { default } from 'dexie';
