// Loaded into the Electron main process with NODE_OPTIONS=--require (the development binary has no
// fuses flipped): native message boxes cannot be clicked by Playwright, so this records every
// dialog.showMessageBox call as one JSON line in DESK_TEST_DIALOG_LOG and answers with the button
// index in DESK_TEST_DIALOG_ANSWER (default 0); app.relaunch() is recorded too, so a test never
// leaves a second instance behind. Test harness only; the app never loads it.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload */
const fs = require('node:fs');
const { app, dialog } = require('electron');

const log = process.env.DESK_TEST_DIALOG_LOG;
const answer = Number(process.env.DESK_TEST_DIALOG_ANSWER ?? 0);

dialog.showMessageBox = async (windowOrOptions, maybeOptions) => {
  const options = maybeOptions ?? windowOrOptions;
  if (log) fs.appendFileSync(log, JSON.stringify(options) + '\n');
  return { response: Math.min(answer, (options.buttons ?? ['OK']).length - 1), checkboxChecked: false };
};

app.relaunch = () => {
  if (log) fs.appendFileSync(log, JSON.stringify({ message: 'relaunch', relaunch: true }) + '\n');
};
