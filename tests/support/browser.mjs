// The Chromium the browser tests drive (installed by scripts/bootstrap-test.sh), and its flags.
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The flags that keep Chromium quiet on a machine with no network (see shared/docs/toolchain.md).
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
