/** `npm test`'s step that locates Schemathesis for the OpenAPI fuzz tests, or installs it (first run only), and prints it. */
import { ensureSchemathesis } from './schemathesis-venv';

ensureSchemathesis().then(
  (st) => console.log(`schemathesis: ${st.version} (${st.venv})`),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
