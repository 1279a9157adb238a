// The repository's shared browser harness (Chromium, its flags, the static
// server on 127.0.0.1), for the tests of this folder. Not a test.
export * from '../../../tests/browser.mjs';
