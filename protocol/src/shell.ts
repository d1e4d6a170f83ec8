/**
 * The mark a screen's service worker (queue-server's http/shell-worker.ts) puts in a page it
 * answers from its cache because the server did not answer; the page (client/shell.ts) reads it.
 */
export const SHELL_MARK = "motcua-shell";
