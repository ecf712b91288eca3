import os from 'node:os';
import path from 'node:path';
// Every test file runs against the composed platform: the modules of src/modules/index.ts are installed (their
// messages, navigation, organisation directory), as they are in the server and the CLI.
import '../src/modules/index.ts';

// Pseudonym keys of test municipalities live in a temporary folder of this test file's own process (never in
// ./data, and never shared with another test file: a re-keying test must not change another file's keys). CLI
// processes a test starts inherit it.
process.env.PSEUDONYM_KEY_DIR = path.join(os.tmpdir(), `sb-test-keys-${process.pid}`);
