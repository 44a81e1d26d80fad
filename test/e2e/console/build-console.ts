// Vitest globalSetup: the console's browser tests drive its built files, so a run builds it
// first when the build is missing or older than its sources (~4 s; nothing when current). One
// build before any worker starts: test files never race to write console/dist.
import { ensureConsoleBuilt } from '../../../infra/console-build.ts';

export default function setup(): void {
  ensureConsoleBuilt();
}
