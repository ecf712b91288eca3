// Every test file runs against the composed platform: the modules of src/modules/index.ts are installed (their
// messages, navigation, organisation directory), as they are in the server and the CLI.
import '../src/modules/index.ts';
