// electron-builder afterPack hook: put the Electron build of better-sqlite3 (made apart from the
// Node build by scripts/rebuild-native.mjs into build/native/) into the packaged app. electron-builder's
// own npmRebuild is off because it rebuilds node_modules IN PLACE, which breaks the Node build that
// the tests and the CLI use. Native modules are per OS: package on each target OS.
const fs = require('node:fs');
const path = require('node:path');

exports.default = async function afterPack(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const resources =
    electronPlatformName === 'darwin'
      ? path.join(appOutDir, `${packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
      : path.join(appOutDir, 'resources');
  const source = path.join(__dirname, 'native', 'better_sqlite3.node');
  if (!fs.existsSync(source)) throw new Error('build/native/better_sqlite3.node is missing: run node scripts/rebuild-native.mjs');
  const target = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
};
